package io.samsa.broker.config;

import static io.samsa.broker.config.BrokerConfigKeys.BROKER_ID;
import static io.samsa.broker.config.BrokerConfigKeys.DEFINITION;
import static io.samsa.broker.config.BrokerConfigKeys.LISTENERS;
import static io.samsa.broker.config.BrokerConfigKeys.LOG_DIR;
import static io.samsa.broker.config.BrokerConfigKeys.LOG_DIRS;
import static io.samsa.broker.config.BrokerConfigKeys.LOG_RETENTION_HOURS;
import static io.samsa.broker.config.BrokerConfigKeys.LOG_RETENTION_MINUTES;
import static io.samsa.broker.config.BrokerConfigKeys.LOG_RETENTION_MS;
import static io.samsa.broker.config.BrokerConfigKeys.LOG_ROLL_HOURS;
import static io.samsa.broker.config.BrokerConfigKeys.LOG_ROLL_MS;
import static io.samsa.broker.config.BrokerConfigKeys.NODE_ID;
import static io.samsa.broker.config.BrokerConfigKeys.WRITE_BUFFER_HIGH_WATER_MARK_BYTES;
import static io.samsa.broker.config.BrokerConfigKeys.WRITE_BUFFER_LOW_WATER_MARK_BYTES;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's validated configuration: typed values for every key in {@link BrokerConfigKeys},
 * plus the few values derived from several keys (node id, log dirs, retention, listeners).
 * Built by {@link BrokerConfigLoader} from the embedded defaults, a properties file and overrides.
 *
 * <p>Immutable and thread-safe.
 */
public final class BrokerConfig {
    private static final Logger log = LoggerFactory.getLogger(BrokerConfig.class);
    private static final long HOUR_MS = 3_600_000L;

    private final ConfigDef.Parsed parsed;
    private final Set<String> userSetKeys;
    private final List<Endpoint> listeners;
    private final Optional<ClusterModeConfig> cluster;

    /**
     * @param raw         every text value, defaults included
     * @param userSetKeys the keys the operator set (file or override), as opposed to defaults
     * @throws ConfigException naming the key when a value is invalid
     */
    BrokerConfig(Map<String, String> raw, Set<String> userSetKeys) {
        this.parsed = DEFINITION.parse(raw);
        this.userSetKeys = Set.copyOf(userSetKeys);
        for (String unknown : parsed.unknownKeys()) {
            log.warn("Unknown configuration key '{}' is ignored", unknown);
        }
        List<Endpoint> all = parsed.get(LISTENERS).stream().map(text -> Endpoint.parse(LISTENERS.name(), text)).toList();
        this.cluster = ClusterModeConfig.of(this, all);
        this.listeners = all.stream().filter(e -> cluster.map(c -> !c.isControllerListener(e)).orElse(true)).toList();
        checkConsistency();
    }

    /** @return the defaults with {@code overrides} applied: the usual way tests build a config */
    public static BrokerConfig of(Map<String, String> overrides) {
        return BrokerConfigLoader.load(null, overrides);
    }

    /** @return every key at its default */
    public static BrokerConfig defaults() {
        return of(Map.of());
    }

    /** @return the value of {@code key}; null only for an optional key that is not set */
    public <T> T get(ConfigKey<T> key) {
        return parsed.get(key);
    }

    /** @return whether the operator set {@code key}, rather than it taking its default */
    public boolean isSet(ConfigKey<?> key) {
        return userSetKeys.contains(key.name());
    }

    /** @return the keys that matched no declared key (already logged as warnings) */
    public List<String> unknownKeys() {
        return parsed.unknownKeys();
    }

    /** @return node.id, or broker.id when only that is set */
    public int nodeId() {
        return !isSet(NODE_ID) && isSet(BROKER_ID) ? get(BROKER_ID) : get(NODE_ID);
    }

    /** @return the cluster-mode settings, empty for a single-node broker (no controller.quorum.voters) */
    public Optional<ClusterModeConfig> cluster() {
        return cluster;
    }

    /** @return the endpoints the broker's network server binds, in configuration order (never the CONTROLLER one) */
    public List<Endpoint> listeners() {
        return listeners;
    }

    /** @return log.dirs, or log.dir when only that is set */
    public List<Path> logDirs() {
        List<String> dirs = !isSet(LOG_DIRS) && get(LOG_DIR) != null ? List.of(get(LOG_DIR)) : get(LOG_DIRS);
        return dirs.stream().map(Path::of).toList();
    }

    /** @return retention in ms from log.retention.ms, .minutes or .hours (first set wins); -1 is forever */
    public long logRetentionMs() {
        if (get(LOG_RETENTION_MS) != null) {
            return get(LOG_RETENTION_MS);
        }
        if (get(LOG_RETENTION_MINUTES) != null) {
            int minutes = get(LOG_RETENTION_MINUTES);
            return minutes < 0 ? -1 : minutes * 60_000L;
        }
        int hours = get(LOG_RETENTION_HOURS);
        return hours < 0 ? -1 : hours * HOUR_MS;
    }

    /** @return segment roll age in ms from log.roll.ms or log.roll.hours */
    public long logRollMs() {
        return get(LOG_ROLL_MS) != null ? get(LOG_ROLL_MS) : get(LOG_ROLL_HOURS) * HOUR_MS;
    }

    /** @return every value in text form, key order as declared, unset optional keys left out */
    public Map<String, String> toTextMap() {
        Map<String, String> out = new LinkedHashMap<>();
        for (ConfigKey<?> key : DEFINITION.keys()) {
            putText(out, key);
        }
        return out;
    }

    private <T> void putText(Map<String, String> out, ConfigKey<T> key) {
        T value = get(key);
        if (value != null) {
            out.put(key.name(), key.type().print(value));
        }
    }

    private void checkConsistency() {
        if (isSet(NODE_ID) && isSet(BROKER_ID) && !get(NODE_ID).equals(get(BROKER_ID))) {
            throw ConfigException.invalidValue(BROKER_ID.name(), get(BROKER_ID), "differs from node.id=" + get(NODE_ID));
        }
        for (Endpoint endpoint : listeners) {
            if (!endpoint.listenerName().equals("PLAINTEXT")) {
                throw ConfigException.invalidValue(LISTENERS.name(), endpoint, "only PLAINTEXT listeners are supported");
            }
        }
        List<String> advertised = get(BrokerConfigKeys.ADVERTISED_LISTENERS);
        if (advertised != null) {
            advertised.forEach(text -> Endpoint.parse(BrokerConfigKeys.ADVERTISED_LISTENERS.name(), text));
        }
        if (listeners.stream().map(Endpoint::listenerName).distinct().count() != listeners.size()) {
            throw ConfigException.invalidValue(LISTENERS.name(), get(LISTENERS), "listener names must be unique");
        }
        if (get(WRITE_BUFFER_LOW_WATER_MARK_BYTES) > get(WRITE_BUFFER_HIGH_WATER_MARK_BYTES)) {
            throw ConfigException.invalidValue(WRITE_BUFFER_LOW_WATER_MARK_BYTES.name(), get(WRITE_BUFFER_LOW_WATER_MARK_BYTES),
                    "must not exceed " + WRITE_BUFFER_HIGH_WATER_MARK_BYTES.name() + "=" + get(WRITE_BUFFER_HIGH_WATER_MARK_BYTES));
        }
    }
}
