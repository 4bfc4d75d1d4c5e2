package io.samsa.broker.storage;

import io.samsa.broker.config.BrokerConfig;
import io.samsa.broker.lifecycle.BrokerComponent;
import io.samsa.protocol.util.Time;
import io.samsa.storage.LogConfig;
import io.samsa.storage.LogManager;
import io.samsa.storage.LogManagerConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The broker's storage as a lifecycle component: one {@link LogManager} over {@code log.dirs}.
 * {@link #start} recovers every partition log (before the port binds, since components start
 * before the network) and starts the retention, flush, checkpoint and cleaner duties; {@link #close}
 * shuts the logs down cleanly (flush, checkpoint, clean-shutdown marker).
 *
 * <p>Thread-safe after start: {@link #logs()} is the thread-safe manager.
 */
public final class StorageComponent implements BrokerComponent {
    private final LogManager logs;
    private final Path firstLogDir;

    /**
     * @param config       the broker config (log.dirs and the log manager's scheduling keys)
     * @param topicConfigs a topic's effective log config (broker defaults plus its overrides)
     */
    public StorageComponent(BrokerConfig config, Function<String, LogConfig> topicConfigs, Time time) {
        this.logs = new LogManager(LogManagerConfig.fromMap(logManagerProps(config)), topicConfigs, time);
        this.firstLogDir = config.logDirs().get(0);
    }

    /** @return the broker keys {@link LogManagerConfig} reads, in its text form */
    static Map<String, String> logManagerProps(BrokerConfig config) {
        Map<String, String> props = new HashMap<>(config.toTextMap());
        props.remove(LogManagerConfig.LOG_DIR);
        props.put(LogManagerConfig.LOG_DIRS, config.logDirs().stream().map(Path::toString).collect(Collectors.joining(",")));
        return props;
    }

    /** @return the log manager; usable once started */
    public LogManager logs() {
        return logs;
    }

    /** @return the first log directory, where broker-wide files (topic registry, meta) live */
    public Path firstLogDir() {
        return firstLogDir;
    }

    @Override
    public String name() {
        return "storage";
    }

    @Override
    public void start() {
        logs.startup();
    }

    @Override
    public void close() {
        logs.shutdown();
    }
}
