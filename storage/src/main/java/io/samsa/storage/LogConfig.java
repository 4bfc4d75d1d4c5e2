package io.samsa.storage;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The per-topic settings of a partition log, under Kafka's topic-level key names. Built from a
 * {@code Map<String,String>} with {@link #fromMap}; every value is checked and a bad one is reported
 * with its key. Keys Kafka knows but the log does not use (compression.type, min.insync.replicas, ...)
 * are accepted and ignored; unknown keys are rejected.
 *
 * <p>Immutable and thread-safe. A topic's config is replaced as a whole with
 * {@link PartitionLog#updateConfig}.
 */
public final class LogConfig {
    public static final String SEGMENT_BYTES = "segment.bytes";
    public static final int SEGMENT_BYTES_DEFAULT = 1 << 30;
    public static final String SEGMENT_MS = "segment.ms";
    public static final long SEGMENT_MS_DEFAULT = 7L * 24 * 60 * 60 * 1000;
    public static final String SEGMENT_INDEX_BYTES = "segment.index.bytes";
    public static final int SEGMENT_INDEX_BYTES_DEFAULT = 10 * 1024 * 1024;
    public static final String INDEX_INTERVAL_BYTES = "index.interval.bytes";
    public static final int INDEX_INTERVAL_BYTES_DEFAULT = 4096;
    public static final String RETENTION_MS = "retention.ms";
    public static final long RETENTION_MS_DEFAULT = 7L * 24 * 60 * 60 * 1000;
    public static final String RETENTION_BYTES = "retention.bytes";
    public static final long RETENTION_BYTES_DEFAULT = -1;
    public static final String CLEANUP_POLICY = "cleanup.policy";
    public static final String CLEANUP_POLICY_DEFAULT = "delete";
    public static final String DELETE_RETENTION_MS = "delete.retention.ms";
    public static final long DELETE_RETENTION_MS_DEFAULT = 24L * 60 * 60 * 1000;
    public static final String MIN_COMPACTION_LAG_MS = "min.compaction.lag.ms";
    public static final long MIN_COMPACTION_LAG_MS_DEFAULT = 0;
    public static final String MIN_CLEANABLE_DIRTY_RATIO = "min.cleanable.dirty.ratio";
    public static final double MIN_CLEANABLE_DIRTY_RATIO_DEFAULT = 0.5;
    public static final String FLUSH_MESSAGES = "flush.messages";
    public static final long FLUSH_MESSAGES_DEFAULT = Long.MAX_VALUE;
    public static final String FLUSH_MS = "flush.ms";
    public static final long FLUSH_MS_DEFAULT = Long.MAX_VALUE;
    public static final String MESSAGE_TIMESTAMP_TYPE = "message.timestamp.type";
    /** How far before the broker's clock a CreateTime record's timestamp may be (Kafka's KIP-937 key). */
    public static final String MESSAGE_TIMESTAMP_BEFORE_MAX_MS = "message.timestamp.before.max.ms";
    public static final long MESSAGE_TIMESTAMP_BEFORE_MAX_MS_DEFAULT = Long.MAX_VALUE;
    /** How far after the broker's clock a CreateTime record's timestamp may be (Kafka's KIP-937 key). */
    public static final String MESSAGE_TIMESTAMP_AFTER_MAX_MS = "message.timestamp.after.max.ms";
    public static final long MESSAGE_TIMESTAMP_AFTER_MAX_MS_DEFAULT = 60L * 60 * 1000;
    public static final String MAX_MESSAGE_BYTES = "max.message.bytes";
    public static final int MAX_MESSAGE_BYTES_DEFAULT = 1024 * 1024 + 12;
    public static final String MIN_INSYNC_REPLICAS = "min.insync.replicas";
    public static final int MIN_INSYNC_REPLICAS_DEFAULT = 1;
    public static final String FILE_DELETE_DELAY_MS = "file.delete.delay.ms";
    public static final long FILE_DELETE_DELAY_MS_DEFAULT = 60_000;

    /** Kafka topic keys the log accepts but does not act on. */
    private static final Set<String> IGNORED_KEYS = Set.of(
            "compression.type", "compression.gzip.level", "compression.lz4.level", "compression.zstd.level",
            "unclean.leader.election.enable", "preallocate", "segment.jitter.ms",
            "max.compaction.lag.ms", "message.downconversion.enable", "message.format.version",
            "message.timestamp.difference.max.ms", "leader.replication.throttled.replicas",
            "follower.replication.throttled.replicas", "local.retention.ms", "local.retention.bytes",
            "remote.storage.enable", "remote.log.copy.disable", "remote.log.delete.on.disable");

    /** All defaults. */
    public static final LogConfig DEFAULT = fromMap(Map.of());

    private final Map<String, String> originals;
    private final int segmentBytes;
    private final long segmentMs;
    private final int segmentIndexBytes;
    private final int indexIntervalBytes;
    private final long retentionMs;
    private final long retentionBytes;
    private final boolean compact;
    private final boolean delete;
    private final long deleteRetentionMs;
    private final long minCompactionLagMs;
    private final double minCleanableDirtyRatio;
    private final long flushMessages;
    private final long flushMs;
    private final TimestampType timestampType;
    private final long timestampBeforeMaxMs;
    private final long timestampAfterMaxMs;
    private final int maxMessageBytes;
    private final long fileDeleteDelayMs;
    private final int minInsyncReplicas;

    private LogConfig(Map<String, String> props) {
        ConfigReader reader = new ConfigReader(props);
        this.originals = Collections.unmodifiableMap(new HashMap<>(props));
        this.segmentBytes = reader.intAtLeast(SEGMENT_BYTES, SEGMENT_BYTES_DEFAULT, 14);
        this.segmentMs = reader.longAtLeast(SEGMENT_MS, SEGMENT_MS_DEFAULT, 1);
        this.segmentIndexBytes = reader.intAtLeast(SEGMENT_INDEX_BYTES, SEGMENT_INDEX_BYTES_DEFAULT, 12);
        this.indexIntervalBytes = reader.intAtLeast(INDEX_INTERVAL_BYTES, INDEX_INTERVAL_BYTES_DEFAULT, 0);
        this.retentionMs = reader.longAtLeast(RETENTION_MS, RETENTION_MS_DEFAULT, -1);
        this.retentionBytes = reader.longAtLeast(RETENTION_BYTES, RETENTION_BYTES_DEFAULT, -1);
        String policy = props.getOrDefault(CLEANUP_POLICY, CLEANUP_POLICY_DEFAULT);
        boolean sawCompact = false;
        boolean sawDelete = false;
        for (String part : policy.split(",")) {
            switch (part.trim()) {
                case "compact" -> sawCompact = true;
                case "delete" -> sawDelete = true;
                default -> throw new ConfigException(CLEANUP_POLICY, policy, "must be a list of 'compact' and 'delete'");
            }
        }
        this.compact = sawCompact;
        this.delete = sawDelete;
        this.deleteRetentionMs = reader.longAtLeast(DELETE_RETENTION_MS, DELETE_RETENTION_MS_DEFAULT, 0);
        this.minCompactionLagMs = reader.longAtLeast(MIN_COMPACTION_LAG_MS, MIN_COMPACTION_LAG_MS_DEFAULT, 0);
        this.minCleanableDirtyRatio = reader.ratio(MIN_CLEANABLE_DIRTY_RATIO, MIN_CLEANABLE_DIRTY_RATIO_DEFAULT);
        this.flushMessages = reader.longAtLeast(FLUSH_MESSAGES, FLUSH_MESSAGES_DEFAULT, 1);
        this.flushMs = reader.longAtLeast(FLUSH_MS, FLUSH_MS_DEFAULT, 0);
        String type = props.getOrDefault(MESSAGE_TIMESTAMP_TYPE, TimestampType.CREATE_TIME.configName());
        this.timestampType = TimestampType.forConfigName(type);
        if (timestampType == null) {
            throw new ConfigException(MESSAGE_TIMESTAMP_TYPE, type, "must be CreateTime or LogAppendTime");
        }
        this.timestampBeforeMaxMs = reader.longAtLeast(MESSAGE_TIMESTAMP_BEFORE_MAX_MS, MESSAGE_TIMESTAMP_BEFORE_MAX_MS_DEFAULT, 0);
        this.timestampAfterMaxMs = reader.longAtLeast(MESSAGE_TIMESTAMP_AFTER_MAX_MS, MESSAGE_TIMESTAMP_AFTER_MAX_MS_DEFAULT, 0);
        this.maxMessageBytes = reader.intAtLeast(MAX_MESSAGE_BYTES, MAX_MESSAGE_BYTES_DEFAULT, 0);
        this.fileDeleteDelayMs = reader.longAtLeast(FILE_DELETE_DELAY_MS, FILE_DELETE_DELAY_MS_DEFAULT, 0);
        this.minInsyncReplicas = reader.intAtLeast(MIN_INSYNC_REPLICAS, MIN_INSYNC_REPLICAS_DEFAULT, 1);
        for (String key : props.keySet()) {
            if (!reader.wasRead(key) && !key.equals(CLEANUP_POLICY) && !key.equals(MESSAGE_TIMESTAMP_TYPE)
                    && !IGNORED_KEYS.contains(key)) {
                throw new ConfigException(key, props.get(key), "unknown topic configuration");
            }
        }
    }

    /**
     * @param props topic-level settings; absent keys take Kafka's defaults
     * @throws ConfigException naming the first bad or unknown key
     */
    public static LogConfig fromMap(Map<String, String> props) {
        return new LogConfig(props);
    }

    /** This config with some keys overridden: for per-topic settings over broker defaults. */
    public LogConfig with(Map<String, String> overrides) {
        Map<String, String> merged = new HashMap<>(originals);
        merged.putAll(overrides);
        return new LogConfig(merged);
    }

    public Map<String, String> originals() {
        return originals;
    }

    public int segmentBytes() {
        return segmentBytes;
    }

    public long segmentMs() {
        return segmentMs;
    }

    public int segmentIndexBytes() {
        return segmentIndexBytes;
    }

    public int indexIntervalBytes() {
        return indexIntervalBytes;
    }

    public long retentionMs() {
        return retentionMs;
    }

    public long retentionBytes() {
        return retentionBytes;
    }

    /** cleanup.policy contains compact. */
    public boolean compact() {
        return compact;
    }

    /** cleanup.policy contains delete. */
    public boolean delete() {
        return delete;
    }

    public long deleteRetentionMs() {
        return deleteRetentionMs;
    }

    public long minCompactionLagMs() {
        return minCompactionLagMs;
    }

    public double minCleanableDirtyRatio() {
        return minCleanableDirtyRatio;
    }

    public long flushMessages() {
        return flushMessages;
    }

    public long flushMs() {
        return flushMs;
    }

    public TimestampType timestampType() {
        return timestampType;
    }

    /** message.timestamp.before.max.ms: how old a CreateTime record may be, against the broker's clock. */
    public long timestampBeforeMaxMs() {
        return timestampBeforeMaxMs;
    }

    /** message.timestamp.after.max.ms: how far in the future a CreateTime record may be. */
    public long timestampAfterMaxMs() {
        return timestampAfterMaxMs;
    }

    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    public long fileDeleteDelayMs() {
        return fileDeleteDelayMs;
    }

    /** min.insync.replicas: the ISR size below which an acks=all produce is refused (NOT_ENOUGH_REPLICAS). */
    public int minInsyncReplicas() {
        return minInsyncReplicas;
    }

    @Override
    public String toString() {
        return "LogConfig" + originals;
    }
}
