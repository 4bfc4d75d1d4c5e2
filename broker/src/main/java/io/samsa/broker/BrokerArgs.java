package io.samsa.broker;

import io.samsa.broker.config.ConfigException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line, shaped like kafka-server-start.sh: {@code [server.properties] [--override key=value]...}.
 *
 * <p>Immutable.
 *
 * @param configFile the properties file, or null for defaults only
 * @param overrides  key=value pairs that win over the file, in command-line order
 */
public record BrokerArgs(Path configFile, Map<String, String> overrides) {
    static final String USAGE = "Usage: java -jar samsa-broker.jar [server.properties] [--override key=value]...";

    /** @throws ConfigException with the usage line when the arguments do not parse */
    public static BrokerArgs parse(List<String> args) {
        Path file = null;
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--override")) {
                if (i + 1 >= args.size()) {
                    throw new ConfigException(null, "--override needs key=value. " + USAGE);
                }
                String pair = args.get(++i);
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new ConfigException(null, "--override needs key=value, got '" + pair + "'. " + USAGE);
                }
                overrides.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            } else if (file == null && !arg.startsWith("--")) {
                file = Path.of(arg);
            } else {
                throw new ConfigException(null, "Unexpected argument '" + arg + "'. " + USAGE);
            }
        }
        return new BrokerArgs(file, Map.copyOf(overrides));
    }
}
