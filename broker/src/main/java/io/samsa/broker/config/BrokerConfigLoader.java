package io.samsa.broker.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Builds a {@link BrokerConfig} from three layers, later ones winning: the embedded
 * {@value #DEFAULTS_RESOURCE}, an optional {@code server.properties} file, and {@code key=value}
 * overrides (the command line's {@code --override}).
 *
 * <p>Stateless; thread-safe.
 */
public final class BrokerConfigLoader {
    /** Classpath resource with every default, rendered from {@link BrokerConfigKeys}. */
    public static final String DEFAULTS_RESOURCE = "/samsa-default.properties";

    private BrokerConfigLoader() {
    }

    /**
     * @param file      a properties file, or null for none
     * @param overrides values that win over the file
     * @throws ConfigException naming the key when a value is invalid, or the file cannot be read
     */
    public static BrokerConfig load(Path file, Map<String, String> overrides) {
        Map<String, String> raw = new HashMap<>(embeddedDefaults());
        Set<String> userSet = new LinkedHashSet<>();
        if (file != null) {
            Map<String, String> fromFile = readFile(file);
            raw.putAll(fromFile);
            userSet.addAll(fromFile.keySet());
        }
        raw.putAll(overrides);
        userSet.addAll(overrides.keySet());
        return new BrokerConfig(raw, userSet);
    }

    /** @return the embedded defaults as text values */
    public static Map<String, String> embeddedDefaults() {
        try (InputStream in = BrokerConfigLoader.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DEFAULTS_RESOURCE);
            }
            Properties props = new Properties();
            props.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            return toMap(props);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFAULTS_RESOURCE, e);
        }
    }

    private static Map<String, String> readFile(Path file) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException e) {
            throw new ConfigException(null, "Cannot read configuration file " + file + ": " + e);
        }
        return toMap(props);
    }

    private static Map<String, String> toMap(Properties props) {
        Map<String, String> out = new HashMap<>();
        for (String name : props.stringPropertyNames()) {
            out.put(name, props.getProperty(name).trim());
        }
        return out;
    }
}
