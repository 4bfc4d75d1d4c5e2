package io.samsa.storage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Broker-level settings of the {@link LogManager}, under Kafka's broker key names. Topic-level
 * settings are a {@link LogConfig}. Immutable and thread-safe.
 */
public final class LogManagerConfig {
    public static final String LOG_DIRS = "log.dirs";
    public static final String LOG_DIR = "log.dir";
    public static final String RETENTION_CHECK_INTERVAL_MS = "log.retention.check.interval.ms";
    public static final long RETENTION_CHECK_INTERVAL_MS_DEFAULT = 300_000;
    public static final String FLUSH_SCHEDULER_INTERVAL_MS = "log.flush.scheduler.interval.ms";
    public static final long FLUSH_SCHEDULER_INTERVAL_MS_DEFAULT = Long.MAX_VALUE;
    public static final String FLUSH_OFFSET_CHECKPOINT_INTERVAL_MS = "log.flush.offset.checkpoint.interval.ms";
    public static final long FLUSH_OFFSET_CHECKPOINT_INTERVAL_MS_DEFAULT = 60_000;
    public static final String CLEANER_ENABLE = "log.cleaner.enable";
    public static final String CLEANER_BACKOFF_MS = "log.cleaner.backoff.ms";
    public static final long CLEANER_BACKOFF_MS_DEFAULT = 15_000;
    public static final String RECOVERY_THREADS_PER_DATA_DIR = "num.recovery.threads.per.data.dir";
    public static final int RECOVERY_THREADS_PER_DATA_DIR_DEFAULT = 2;
    public static final String CLEANER_DEDUPE_BUFFER_SIZE = "log.cleaner.dedupe.buffer.size";
    public static final long CLEANER_DEDUPE_BUFFER_SIZE_DEFAULT = PartitionLog.DEFAULT_KEY_MAP_BYTES;
    /** Samsa's own: how often, in real milliseconds, the scheduler threads look for due duties. */
    public static final String SCHEDULER_TICK_MS = "samsa.log.scheduler.tick.ms";
    public static final long SCHEDULER_TICK_MS_DEFAULT = 1_000;

    private final List<Path> logDirs;
    private final long retentionCheckIntervalMs;
    private final long flushSchedulerIntervalMs;
    private final long checkpointIntervalMs;
    private final boolean cleanerEnabled;
    private final long cleanerBackoffMs;
    private final long schedulerTickMs;
    private final long cleanerDedupeBufferBytes;
    private final int recoveryThreadsPerDataDir;

    private LogManagerConfig(Map<String, String> props) {
        ConfigReader reader = new ConfigReader(props);
        String dirs = reader.string(LOG_DIRS, reader.string(LOG_DIR, null));
        if (dirs == null || dirs.isBlank()) {
            throw new ConfigException(LOG_DIRS, dirs, "at least one log directory is required");
        }
        List<Path> paths = new ArrayList<>();
        for (String dir : dirs.split(",")) {
            if (!dir.isBlank()) {
                paths.add(Path.of(dir.trim()));
            }
        }
        this.logDirs = List.copyOf(paths);
        this.retentionCheckIntervalMs = reader.longAtLeast(RETENTION_CHECK_INTERVAL_MS, RETENTION_CHECK_INTERVAL_MS_DEFAULT, 1);
        this.flushSchedulerIntervalMs = reader.longAtLeast(FLUSH_SCHEDULER_INTERVAL_MS, FLUSH_SCHEDULER_INTERVAL_MS_DEFAULT, 1);
        this.checkpointIntervalMs = reader.longAtLeast(FLUSH_OFFSET_CHECKPOINT_INTERVAL_MS, FLUSH_OFFSET_CHECKPOINT_INTERVAL_MS_DEFAULT, 1);
        String enable = reader.string(CLEANER_ENABLE, "true");
        if (!enable.equals("true") && !enable.equals("false")) {
            throw new ConfigException(CLEANER_ENABLE, enable, "must be true or false");
        }
        this.cleanerEnabled = Boolean.parseBoolean(enable);
        this.cleanerBackoffMs = reader.longAtLeast(CLEANER_BACKOFF_MS, CLEANER_BACKOFF_MS_DEFAULT, 0);
        this.schedulerTickMs = reader.longAtLeast(SCHEDULER_TICK_MS, SCHEDULER_TICK_MS_DEFAULT, 1);
        this.recoveryThreadsPerDataDir = reader.intAtLeast(RECOVERY_THREADS_PER_DATA_DIR, RECOVERY_THREADS_PER_DATA_DIR_DEFAULT, 1);
        this.cleanerDedupeBufferBytes = reader.longAtLeast(CLEANER_DEDUPE_BUFFER_SIZE, CLEANER_DEDUPE_BUFFER_SIZE_DEFAULT, 1024);
    }

    /**
     * @param props broker settings; other keys are ignored (they belong to other components)
     * @throws ConfigException naming the bad key
     */
    public static LogManagerConfig fromMap(Map<String, String> props) {
        return new LogManagerConfig(props);
    }

    public List<Path> logDirs() {
        return logDirs;
    }

    public long retentionCheckIntervalMs() {
        return retentionCheckIntervalMs;
    }

    public long flushSchedulerIntervalMs() {
        return flushSchedulerIntervalMs;
    }

    public long checkpointIntervalMs() {
        return checkpointIntervalMs;
    }

    public boolean cleanerEnabled() {
        return cleanerEnabled;
    }

    public long cleanerBackoffMs() {
        return cleanerBackoffMs;
    }

    /** Threads per log dir that open and recover partitions at start-up. */
    public int recoveryThreadsPerDataDir() {
        return recoveryThreadsPerDataDir;
    }

    /** The compactor's key-map budget per pass, in bytes. */
    public long cleanerDedupeBufferBytes() {
        return cleanerDedupeBufferBytes;
    }

    public long schedulerTickMs() {
        return schedulerTickMs;
    }
}
