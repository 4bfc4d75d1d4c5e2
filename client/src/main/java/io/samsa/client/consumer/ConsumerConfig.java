package io.samsa.client.consumer;

import static io.samsa.client.config.ConfigType.BOOLEAN;
import static io.samsa.client.config.ConfigType.CLASS;
import static io.samsa.client.config.ConfigType.INT;
import static io.samsa.client.config.ConfigType.LIST;
import static io.samsa.client.config.ConfigType.LONG;
import static io.samsa.client.config.ConfigType.STRING;
import static io.samsa.client.config.Validators.atLeast;

import io.samsa.client.config.AbstractConfig;
import io.samsa.client.config.CommonClientConfigs;
import io.samsa.client.config.ConfigDef;
import io.samsa.client.config.ConfigType;
import io.samsa.client.config.Validators;
import io.samsa.client.consumer.internals.assignors.Assignors;
import io.samsa.client.errors.ConfigException;
import io.samsa.client.serialization.Deserializer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The consumer's configuration, with Kafka's key names, defaults and cross-key rules:
 * <ul>
 *   <li>without {@code group.id}, auto-commit is off; asking for it explicitly is a conflict;</li>
 *   <li>with a group, {@code heartbeat.interval.ms} must be below {@code session.timeout.ms};</li>
 *   <li>{@code partition.assignment.strategy} takes our names ({@code range}, {@code roundrobin},
 *       {@code sticky}, {@code cooperative-sticky}) or Kafka's assignor class names, and is stored as
 *       our names; a class implementing our {@code ConsumerPartitionAssignor} is kept by class
 *       name; anything else is a {@link ConfigException};</li>
 *   <li>with {@code group.protocol=consumer} the classic-protocol settings (session timeout,
 *       heartbeat interval, client-side assignors) may not be set, as in Kafka 4.</li>
 * </ul>
 *
 * <p>Immutable; safe to share between threads.
 */
public final class ConsumerConfig extends AbstractConfig {
    public static final String BOOTSTRAP_SERVERS_CONFIG = CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG;
    public static final String CLIENT_ID_CONFIG = CommonClientConfigs.CLIENT_ID_CONFIG;
    public static final String CLIENT_RACK_CONFIG = CommonClientConfigs.CLIENT_RACK_CONFIG;
    public static final String GROUP_ID_CONFIG = CommonClientConfigs.GROUP_ID_CONFIG;
    public static final String GROUP_INSTANCE_ID_CONFIG = CommonClientConfigs.GROUP_INSTANCE_ID_CONFIG;
    public static final String GROUP_PROTOCOL_CONFIG = "group.protocol";
    public static final String GROUP_REMOTE_ASSIGNOR_CONFIG = "group.remote.assignor";
    public static final String SESSION_TIMEOUT_MS_CONFIG = CommonClientConfigs.SESSION_TIMEOUT_MS_CONFIG;
    public static final String HEARTBEAT_INTERVAL_MS_CONFIG = CommonClientConfigs.HEARTBEAT_INTERVAL_MS_CONFIG;
    public static final String MAX_POLL_INTERVAL_MS_CONFIG = CommonClientConfigs.MAX_POLL_INTERVAL_MS_CONFIG;
    public static final String MAX_POLL_RECORDS_CONFIG = "max.poll.records";
    public static final String ENABLE_AUTO_COMMIT_CONFIG = "enable.auto.commit";
    public static final String AUTO_COMMIT_INTERVAL_MS_CONFIG = "auto.commit.interval.ms";
    public static final String AUTO_OFFSET_RESET_CONFIG = "auto.offset.reset";
    public static final String PARTITION_ASSIGNMENT_STRATEGY_CONFIG = "partition.assignment.strategy";
    public static final String FETCH_MIN_BYTES_CONFIG = "fetch.min.bytes";
    public static final String FETCH_MAX_BYTES_CONFIG = "fetch.max.bytes";
    public static final String FETCH_MAX_WAIT_MS_CONFIG = "fetch.max.wait.ms";
    public static final String MAX_PARTITION_FETCH_BYTES_CONFIG = "max.partition.fetch.bytes";
    public static final String ISOLATION_LEVEL_CONFIG = "isolation.level";
    public static final String DEFAULT_API_TIMEOUT_MS_CONFIG = CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG;
    public static final String REQUEST_TIMEOUT_MS_CONFIG = CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG;
    public static final String METADATA_MAX_AGE_CONFIG = CommonClientConfigs.METADATA_MAX_AGE_CONFIG;
    public static final String RETRY_BACKOFF_MS_CONFIG = CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG;
    public static final String RECONNECT_BACKOFF_MS_CONFIG = CommonClientConfigs.RECONNECT_BACKOFF_MS_CONFIG;
    public static final String KEY_DESERIALIZER_CLASS_CONFIG = "key.deserializer";
    public static final String VALUE_DESERIALIZER_CLASS_CONFIG = "value.deserializer";
    public static final String ALLOW_AUTO_CREATE_TOPICS_CONFIG = "allow.auto.create.topics";
    public static final String CHECK_CRCS_CONFIG = "check.crcs";
    public static final String EXCLUDE_INTERNAL_TOPICS_CONFIG = "exclude.internal.topics";
    public static final String INTERCEPTOR_CLASSES_CONFIG = "interceptor.classes";

    private static final ConfigDef CONFIG = CommonClientConfigs.defineCommon(new ConfigDef(), 65_536, 540_000L)
        .define(CLIENT_RACK_CONFIG, STRING, "", "Rack of this consumer, for fetching from the closest replica.")
        .define(GROUP_ID_CONFIG, STRING, null, "Consumer group to join; null for a standalone consumer (assign only, no commits).")
        .define(GROUP_INSTANCE_ID_CONFIG, STRING, null, Validators.nonEmptyStringOrNull(), "Static membership id.")
        .define(GROUP_PROTOCOL_CONFIG, STRING, "classic", Validators.inIgnoringCase("CONSUMER", "CLASSIC"),
            "Group protocol: classic (JoinGroup/SyncGroup) or consumer (ConsumerGroupHeartbeat).")
        .define(GROUP_REMOTE_ASSIGNOR_CONFIG, STRING, null, "Server-side assignor for group.protocol=consumer.")
        .define(SESSION_TIMEOUT_MS_CONFIG, INT, 45_000, "Member is removed after this long without heartbeats (ms).")
        .define(HEARTBEAT_INTERVAL_MS_CONFIG, INT, 3_000, "Time between heartbeats (ms); below session.timeout.ms.")
        .define(MAX_POLL_INTERVAL_MS_CONFIG, INT, 300_000, atLeast(1), "Longest time between poll() calls before the member leaves (ms).")
        .define(MAX_POLL_RECORDS_CONFIG, INT, 500, atLeast(1), "Most records one poll() returns.")
        .define(ENABLE_AUTO_COMMIT_CONFIG, BOOLEAN, true, "Commit positions in the background.")
        .define(AUTO_COMMIT_INTERVAL_MS_CONFIG, INT, 5_000, atLeast(0), "Auto-commit period (ms).")
        .define(AUTO_OFFSET_RESET_CONFIG, STRING, "latest", OffsetResetStrategy.validator(),
            "Where to start without a valid committed offset: latest, earliest, none, or by_duration:<ISO-8601 duration>.")
        .define(PARTITION_ASSIGNMENT_STRATEGY_CONFIG, LIST, List.of(Assignors.RANGE, Assignors.COOPERATIVE_STICKY),
            Validators.nonEmptyListEntries(), "Assignors in preference order: names or Kafka assignor class names.")
        .define(FETCH_MIN_BYTES_CONFIG, INT, 1, atLeast(0), "Least data a fetch response should carry (bytes).")
        .define(FETCH_MAX_BYTES_CONFIG, INT, 52_428_800, atLeast(0), "Most data one fetch response carries (bytes).")
        .define(FETCH_MAX_WAIT_MS_CONFIG, INT, 500, atLeast(0), "Longest the broker waits for fetch.min.bytes (ms).")
        .define(MAX_PARTITION_FETCH_BYTES_CONFIG, INT, 1_048_576, atLeast(0), "Most data per partition per fetch (bytes).")
        .define(ISOLATION_LEVEL_CONFIG, STRING, "read_uncommitted", Validators.in("read_committed", "read_uncommitted"),
            "Whether records of open or aborted transactions are returned.")
        .define(DEFAULT_API_TIMEOUT_MS_CONFIG, INT, 60_000, atLeast(0), "Timeout of blocking calls without a timeout argument (ms).")
        .define(REQUEST_TIMEOUT_MS_CONFIG, INT, 30_000, atLeast(0), "Time to wait for a response (ms).")
        .define(KEY_DESERIALIZER_CLASS_CONFIG, CLASS, ConfigDef.NO_DEFAULT, "Deserializer class for keys.")
        .define(VALUE_DESERIALIZER_CLASS_CONFIG, CLASS, ConfigDef.NO_DEFAULT, "Deserializer class for values.")
        .define(ALLOW_AUTO_CREATE_TOPICS_CONFIG, BOOLEAN, true, "Subscribing to a missing topic may create it (if the broker allows).")
        .define(CHECK_CRCS_CONFIG, BOOLEAN, true, "Verify the CRC of fetched batches.")
        .define(EXCLUDE_INTERNAL_TOPICS_CONFIG, BOOLEAN, true, "Pattern subscriptions skip internal topics.")
        .define(INTERCEPTOR_CLASSES_CONFIG, LIST, "", "Consumer interceptor classes.");

    public ConsumerConfig(Map<?, ?> props) {
        super(CONFIG, props);
    }

    public ConsumerConfig(Properties props) {
        super(CONFIG, fromProperties(props));
    }

    public static ConfigDef configDef() {
        return CONFIG;
    }

    /** As Kafka's: the configs plus the classes of deserializer instances given to the constructor. */
    public static Map<String, Object> appendDeserializerToConfig(Map<String, Object> configs, Deserializer<?> keyDeserializer,
                                                                 Deserializer<?> valueDeserializer) {
        return withInstanceClasses(configs, KEY_DESERIALIZER_CLASS_CONFIG, keyDeserializer, VALUE_DESERIALIZER_CLASS_CONFIG,
            valueDeserializer);
    }

    /** The configured assignors as our names, in preference order. */
    public List<String> assignorNames() {
        return getList(PARTITION_ASSIGNMENT_STRATEGY_CONFIG);
    }

    @Override
    protected void postProcess(Map<String, Object> parsed) {
        boolean hasGroup = parsed.get(GROUP_ID_CONFIG) != null;
        if (!hasGroup) {
            if (!isExplicit(ENABLE_AUTO_COMMIT_CONFIG)) {
                parsed.put(ENABLE_AUTO_COMMIT_CONFIG, false);
            } else if ((Boolean) parsed.get(ENABLE_AUTO_COMMIT_CONFIG)) {
                throw new ConfigException(ENABLE_AUTO_COMMIT_CONFIG, true, "cannot be set to true when default group id (null) is used.");
            }
        }
        boolean consumerProtocol = "consumer".equals(((String) parsed.get(GROUP_PROTOCOL_CONFIG)).toLowerCase(Locale.ROOT));
        if (consumerProtocol) {
            for (String classicOnly : List.of(SESSION_TIMEOUT_MS_CONFIG, HEARTBEAT_INTERVAL_MS_CONFIG, PARTITION_ASSIGNMENT_STRATEGY_CONFIG)) {
                if (isExplicit(classicOnly)) {
                    throw new ConfigException(classicOnly + " cannot be set when " + GROUP_PROTOCOL_CONFIG + "=consumer");
                }
            }
        } else {
            if (parsed.get(GROUP_REMOTE_ASSIGNOR_CONFIG) != null) {
                throw new ConfigException(GROUP_REMOTE_ASSIGNOR_CONFIG + " cannot be set when " + GROUP_PROTOCOL_CONFIG + "=classic");
            }
        }
        if (!consumerProtocol && hasGroup) {
            int heartbeatMs = (Integer) parsed.get(HEARTBEAT_INTERVAL_MS_CONFIG);
            int sessionMs = (Integer) parsed.get(SESSION_TIMEOUT_MS_CONFIG);
            if (heartbeatMs >= sessionMs) {
                throw new ConfigException(HEARTBEAT_INTERVAL_MS_CONFIG, heartbeatMs,
                    "must be lower than " + SESSION_TIMEOUT_MS_CONFIG + " (" + sessionMs + ")");
            }
        }
        parsed.put(PARTITION_ASSIGNMENT_STRATEGY_CONFIG, canonicalAssignors((List<?>) parsed.get(PARTITION_ASSIGNMENT_STRATEGY_CONFIG)));
    }

    private static List<String> canonicalAssignors(List<?> configured) {
        List<String> names = new ArrayList<>();
        for (Object entry : configured) {
            String text = ConfigType.toText(entry);
            String name = Assignors.canonicalName(text);
            if (name == null) {
                throw new ConfigException(PARTITION_ASSIGNMENT_STRATEGY_CONFIG, configured,
                    "Unknown assignor " + text + "; known: " + Assignors.NAMES
                        + ", their Kafka class names, or a class implementing ConsumerPartitionAssignor");
            }
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        if (names.isEmpty()) {
            throw new ConfigException(PARTITION_ASSIGNMENT_STRATEGY_CONFIG, configured, "At least one assignor is needed");
        }
        return List.copyOf(names);
    }
}
