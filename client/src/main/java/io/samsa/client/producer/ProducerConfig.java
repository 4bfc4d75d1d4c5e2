package io.samsa.client.producer;

import static io.samsa.client.config.ConfigType.BOOLEAN;
import static io.samsa.client.config.ConfigType.CLASS;
import static io.samsa.client.config.ConfigType.INT;
import static io.samsa.client.config.ConfigType.LIST;
import static io.samsa.client.config.ConfigType.LONG;
import static io.samsa.client.config.ConfigType.STRING;
import static io.samsa.client.config.Validators.atLeast;
import static io.samsa.client.config.Validators.between;

import io.samsa.client.config.AbstractConfig;
import io.samsa.client.config.CommonClientConfigs;
import io.samsa.client.config.ConfigDef;
import io.samsa.client.config.Validator;
import io.samsa.client.config.Validators;
import io.samsa.client.errors.ConfigException;
import io.samsa.client.serialization.Serializer;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producer's configuration, with Kafka's key names, defaults and cross-key rules:
 * <ul>
 *   <li>{@code acks=all} is stored as {@code -1};</li>
 *   <li>idempotence (on by default) needs {@code acks=all} and {@code retries > 0}: if the user set
 *       {@code enable.idempotence} explicitly a conflict is a {@link ConfigException}, otherwise
 *       idempotence is quietly turned off; more than 5 in-flight requests with idempotence on
 *       (explicitly or by default) is always a {@link ConfigException}, as in Kafka 4.1;</li>
 *   <li>{@code transactional.id} needs idempotence;</li>
 *   <li>{@code delivery.timeout.ms} must be at least {@code linger.ms + request.timeout.ms}: an
 *       explicit smaller value is a {@link ConfigException}, a defaulted one is raised to the sum.</li>
 * </ul>
 *
 * <p>Immutable; safe to share between threads.
 */
public final class ProducerConfig extends AbstractConfig {
    private static final Logger LOG = LoggerFactory.getLogger(ProducerConfig.class);

    public static final String BOOTSTRAP_SERVERS_CONFIG = CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG;
    public static final String CLIENT_ID_CONFIG = CommonClientConfigs.CLIENT_ID_CONFIG;
    public static final String METADATA_MAX_AGE_CONFIG = CommonClientConfigs.METADATA_MAX_AGE_CONFIG;
    public static final String RETRIES_CONFIG = CommonClientConfigs.RETRIES_CONFIG;
    public static final String RETRY_BACKOFF_MS_CONFIG = CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG;
    public static final String RECONNECT_BACKOFF_MS_CONFIG = CommonClientConfigs.RECONNECT_BACKOFF_MS_CONFIG;
    public static final String REQUEST_TIMEOUT_MS_CONFIG = CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG;
    public static final String ACKS_CONFIG = "acks";
    public static final String BATCH_SIZE_CONFIG = "batch.size";
    public static final String BUFFER_MEMORY_CONFIG = "buffer.memory";
    public static final String COMPRESSION_TYPE_CONFIG = "compression.type";
    public static final String COMPRESSION_GZIP_LEVEL_CONFIG = "compression.gzip.level";
    public static final String COMPRESSION_LZ4_LEVEL_CONFIG = "compression.lz4.level";
    public static final String COMPRESSION_ZSTD_LEVEL_CONFIG = "compression.zstd.level";
    public static final String LINGER_MS_CONFIG = "linger.ms";
    public static final String DELIVERY_TIMEOUT_MS_CONFIG = "delivery.timeout.ms";
    public static final String MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION = "max.in.flight.requests.per.connection";
    public static final String MAX_REQUEST_SIZE_CONFIG = "max.request.size";
    public static final String MAX_BLOCK_MS_CONFIG = "max.block.ms";
    public static final String METADATA_MAX_IDLE_CONFIG = "metadata.max.idle.ms";
    public static final String ENABLE_IDEMPOTENCE_CONFIG = "enable.idempotence";
    public static final String TRANSACTIONAL_ID_CONFIG = "transactional.id";
    public static final String TRANSACTION_TIMEOUT_CONFIG = "transaction.timeout.ms";
    public static final String KEY_SERIALIZER_CLASS_CONFIG = "key.serializer";
    public static final String VALUE_SERIALIZER_CLASS_CONFIG = "value.serializer";
    public static final String PARTITIONER_CLASS_CONFIG = "partitioner.class";
    public static final String PARTITIONER_IGNORE_KEYS_CONFIG = "partitioner.ignore.keys";
    public static final String PARTITIONER_ADPATIVE_PARTITIONING_ENABLE_CONFIG = "partitioner.adaptive.partitioning.enable";
    public static final String PARTITIONER_AVAILABILITY_TIMEOUT_MS_CONFIG = "partitioner.availability.timeout.ms";
    public static final String INTERCEPTOR_CLASSES_CONFIG = "interceptor.classes";

    /** Idempotence keeps ordering only with at most this many requests in flight per connection. */
    public static final int MAX_IN_FLIGHT_REQUESTS_FOR_IDEMPOTENCE = 5;

    private static final ConfigDef CONFIG = CommonClientConfigs.defineCommon(new ConfigDef(), 32_768, 540_000L)
        .define(ACKS_CONFIG, STRING, "all", Validators.in("all", "-1", "0", "1"),
            "Replicas that must acknowledge a write: 0 (none), 1 (leader) or all/-1 (every in-sync replica).")
        .define(BATCH_SIZE_CONFIG, INT, 16_384, atLeast(0), "Target size of one partition's record batch (bytes).")
        .define(BUFFER_MEMORY_CONFIG, LONG, 33_554_432L, atLeast(0L), "Memory for records waiting to be sent (bytes).")
        .define(COMPRESSION_TYPE_CONFIG, STRING, "none", Validators.in("none", "gzip", "snappy", "lz4", "zstd"),
            "Compression codec of produced batches.")
        .define(COMPRESSION_GZIP_LEVEL_CONFIG, INT, -1, gzipLevel(), "gzip level: 1..9, or -1 for the codec default.")
        .define(COMPRESSION_LZ4_LEVEL_CONFIG, INT, 9, between(1, 17), "lz4 level.")
        .define(COMPRESSION_ZSTD_LEVEL_CONFIG, INT, 3, between(-131_072, 22), "zstd level.")
        .define(RETRIES_CONFIG, INT, Integer.MAX_VALUE, between(0, Integer.MAX_VALUE),
            "Times a failed send is retried; delivery.timeout.ms bounds the total time anyway.")
        .define(LINGER_MS_CONFIG, LONG, 5L, atLeast(0), "Time a batch waits for more records before it is sent (ms).")
        .define(DELIVERY_TIMEOUT_MS_CONFIG, INT, 120_000, atLeast(0),
            "Upper bound on the time from send() returning to the callback (ms); at least linger.ms + request.timeout.ms.")
        .define(REQUEST_TIMEOUT_MS_CONFIG, INT, 30_000, atLeast(0), "Time to wait for a response before retrying (ms).")
        .define(MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, INT, 5, atLeast(1), "Unacknowledged requests per connection.")
        .define(MAX_REQUEST_SIZE_CONFIG, INT, 1_048_576, atLeast(0), "Largest produce request (and so record) sent (bytes).")
        .define(MAX_BLOCK_MS_CONFIG, LONG, 60_000L, atLeast(0), "Time send() and partitionsFor() may block for metadata or buffer space (ms).")
        .define(METADATA_MAX_IDLE_CONFIG, LONG, 300_000L, atLeast(5_000), "Metadata of a topic not produced to for this long is dropped (ms).")
        .define(ENABLE_IDEMPOTENCE_CONFIG, BOOLEAN, true, "Exactly-once per partition writes (needs acks=all).")
        .define(TRANSACTIONAL_ID_CONFIG, STRING, null, Validators.nonEmptyStringOrNull(), "Transactional id (needs idempotence).")
        .define(TRANSACTION_TIMEOUT_CONFIG, INT, 60_000, "Transaction timeout (ms).")
        .define(KEY_SERIALIZER_CLASS_CONFIG, CLASS, ConfigDef.NO_DEFAULT, "Serializer class for keys.")
        .define(VALUE_SERIALIZER_CLASS_CONFIG, CLASS, ConfigDef.NO_DEFAULT, "Serializer class for values.")
        .define(PARTITIONER_CLASS_CONFIG, CLASS, null, "Custom partitioner class; null for the built-in one.")
        .define(PARTITIONER_IGNORE_KEYS_CONFIG, BOOLEAN, false, "Partition keyed records as if they had no key.")
        .define(PARTITIONER_ADPATIVE_PARTITIONING_ENABLE_CONFIG, BOOLEAN, true, "Send more to faster brokers when partitioning unkeyed records.")
        .define(PARTITIONER_AVAILABILITY_TIMEOUT_MS_CONFIG, LONG, 0L, atLeast(0), "Skip partitions whose leader has not accepted a batch for this long (ms); 0 disables.")
        .define(INTERCEPTOR_CLASSES_CONFIG, LIST, "", "Producer interceptor classes.");

    public ProducerConfig(Map<?, ?> props) {
        super(CONFIG, props);
    }

    public ProducerConfig(Properties props) {
        super(CONFIG, fromProperties(props));
    }

    /** The definition table (for docs and tests). */
    public static ConfigDef configDef() {
        return CONFIG;
    }

    /**
     * As Kafka's: the configs plus the classes of serializer instances given to the producer's
     * constructor, so the config names them and validation of the required keys passes.
     */
    public static Map<String, Object> appendSerializerToConfig(Map<String, Object> configs, Serializer<?> keySerializer,
                                                               Serializer<?> valueSerializer) {
        return withInstanceClasses(configs, KEY_SERIALIZER_CLASS_CONFIG, keySerializer, VALUE_SERIALIZER_CLASS_CONFIG, valueSerializer);
    }

    /** acks as the wire value: -1 (all), 0 or 1. */
    public short acks() {
        return Short.parseShort(getString(ACKS_CONFIG));
    }

    @Override
    protected void postProcess(Map<String, Object> parsed) {
        if ("all".equals(parsed.get(ACKS_CONFIG))) {
            parsed.put(ACKS_CONFIG, "-1");
        }
        checkIdempotence(parsed);
        checkDeliveryTimeout(parsed);
    }

    private void checkIdempotence(Map<String, Object> parsed) {
        boolean explicit = isExplicit(ENABLE_IDEMPOTENCE_CONFIG);
        boolean enabled = (Boolean) parsed.get(ENABLE_IDEMPOTENCE_CONFIG);
        if (enabled) {
            int inFlight = (Integer) parsed.get(MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION);
            // As Kafka 4: too many in-flight requests is an error even when idempotence is only defaulted.
            if (inFlight > MAX_IN_FLIGHT_REQUESTS_FOR_IDEMPOTENCE) {
                throw new ConfigException("To use the idempotent producer, " + MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION
                    + " must be set to at most " + MAX_IN_FLIGHT_REQUESTS_FOR_IDEMPOTENCE + ". Current value is " + inFlight + ".");
            }
            String conflict = null;
            if ((Integer) parsed.get(RETRIES_CONFIG) == 0) {
                conflict = "Must set " + RETRIES_CONFIG + " to non-zero when using the idempotent producer.";
            } else if (!"-1".equals(parsed.get(ACKS_CONFIG))) {
                conflict = "Must set " + ACKS_CONFIG + " to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence.";
            }
            if (conflict != null && explicit) {
                throw new ConfigException(conflict);
            }
            if (conflict != null) {
                LOG.info("Idempotence will be disabled: {}", conflict);
                parsed.put(ENABLE_IDEMPOTENCE_CONFIG, false);
                enabled = false;
            }
        }
        if (!enabled && parsed.get(TRANSACTIONAL_ID_CONFIG) != null) {
            throw new ConfigException("Cannot set a " + TRANSACTIONAL_ID_CONFIG + " without also enabling idempotence.");
        }
    }

    private void checkDeliveryTimeout(Map<String, Object> parsed) {
        int deliveryTimeoutMs = (Integer) parsed.get(DELIVERY_TIMEOUT_MS_CONFIG);
        long lingerAndRequestTimeoutMs = (Long) parsed.get(LINGER_MS_CONFIG) + (Integer) parsed.get(REQUEST_TIMEOUT_MS_CONFIG);
        if (deliveryTimeoutMs >= lingerAndRequestTimeoutMs) {
            return;
        }
        if (isExplicit(DELIVERY_TIMEOUT_MS_CONFIG)) {
            throw new ConfigException(DELIVERY_TIMEOUT_MS_CONFIG, deliveryTimeoutMs,
                "should be equal to or larger than " + LINGER_MS_CONFIG + " + " + REQUEST_TIMEOUT_MS_CONFIG);
        }
        int raisedMs = (int) Math.min(lingerAndRequestTimeoutMs, Integer.MAX_VALUE);
        LOG.warn("{} should be equal to or larger than {} + {}. Setting it to {}.", DELIVERY_TIMEOUT_MS_CONFIG,
            LINGER_MS_CONFIG, REQUEST_TIMEOUT_MS_CONFIG, raisedMs);
        parsed.put(DELIVERY_TIMEOUT_MS_CONFIG, raisedMs);
    }

    private static Validator gzipLevel() {
        Validator range = between(1, 9);
        return new Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (!Integer.valueOf(-1).equals(value)) {
                    range.ensureValid(name, value);
                }
            }

            @Override
            public String toString() {
                return "[1,...,9] or -1";
            }
        };
    }
}
