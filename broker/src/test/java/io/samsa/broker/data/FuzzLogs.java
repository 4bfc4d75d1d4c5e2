package io.samsa.broker.data;

import io.samsa.broker.data.fetch.FetchReader;
import io.samsa.broker.data.partitions.PartitionLookup;
import io.samsa.broker.data.produce.ProduceHandler;
import io.samsa.broker.data.produce.ProducePurgatory;
import io.samsa.broker.data.produce.ProducerStateTable;
import io.samsa.broker.replication.AlterPartitionSender;
import io.samsa.broker.replication.ReplicaManager;
import io.samsa.broker.replication.ReplicationConfig;
import io.samsa.protocol.util.ManualTime;
import io.samsa.storage.LogConfig;
import io.samsa.storage.LogManager;
import io.samsa.storage.LogManagerConfig;
import io.samsa.storage.PartitionLog;
import io.samsa.storage.TopicPartition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Real partition logs for one fuzz input: a fresh temp data dir, a {@link LogManager} on a manual
 * clock without its scheduler, and three single-partition topics whose configs the produce
 * invariants depend on:
 * <ul>
 *   <li>{@link #CREATE_TIME}: CreateTime, {@code message.timestamp.before.max.ms} one week and
 *       {@code message.timestamp.after.max.ms} one hour ({@link #BEFORE_MAX_MS}, {@link #AFTER_MAX_MS});</li>
 *   <li>{@link #COMPACTED}: {@code cleanup.policy=compact} (every record needs a key);</li>
 *   <li>{@link #LOG_APPEND_TIME}: {@code message.timestamp.type=LogAppendTime}.</li>
 * </ul>
 * Any other topic name is unknown. Small segments and indexes, on tmpfs where the machine has one,
 * keep each input cheap.
 */
public final class FuzzLogs implements AutoCloseable {
    public static final String CREATE_TIME = "create-time";
    public static final String COMPACTED = "compacted";
    public static final String LOG_APPEND_TIME = "log-append-time";
    public static final List<String> TOPICS = List.of(CREATE_TIME, COMPACTED, LOG_APPEND_TIME);
    public static final long BEFORE_MAX_MS = 7L * 24 * 3_600_000;
    public static final long AFTER_MAX_MS = 3_600_000;
    /** 2026-01-01: the manual clock's start. */
    public static final long START_MS = 1_767_225_600_000L;
    private static final Map<String, String> COMMON = Map.of(LogConfig.SEGMENT_BYTES, "65536",
            LogConfig.SEGMENT_INDEX_BYTES, "4096", "message.timestamp.before.max.ms", Long.toString(BEFORE_MAX_MS),
            "message.timestamp.after.max.ms", Long.toString(AFTER_MAX_MS));

    /** tmpfs where there is one: the logs fsync on roll and close, which on a disk costs milliseconds per input. */
    private static final Path MEMORY_FS = Path.of("/dev/shm");
    private static final String PREFIX = "samsa-fuzz-logs";

    public final ManualTime time = new ManualTime(START_MS);
    public final LogManager logs;
    public final PartitionLookup lookup;
    private final Path dir;

    public FuzzLogs() {
        try {
            dir = Files.isWritable(MEMORY_FS) ? Files.createTempDirectory(MEMORY_FS, PREFIX) : Files.createTempDirectory(PREFIX);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        logs = new LogManager(LogManagerConfig.fromMap(Map.of(LogManagerConfig.LOG_DIRS, dir.toString())),
                FuzzLogs::config, time);
        logs.startup(false);
        for (String topic : TOPICS) {
            logs.getOrCreateLog(new TopicPartition(topic, 0));
        }
        lookup = new PartitionLookup(() -> logs);
    }

    /** @return the topic's config: {@link #COMMON} plus what makes the topic what it is */
    public static LogConfig config(String topic) {
        LogConfig common = LogConfig.fromMap(COMMON);
        return switch (topic) {
            case COMPACTED -> common.with(Map.of(LogConfig.CLEANUP_POLICY, "compact"));
            case LOG_APPEND_TIME -> common.with(Map.of(LogConfig.MESSAGE_TIMESTAMP_TYPE, "LogAppendTime"));
            default -> common;
        };
    }

    /** The data dir the logs live in (removed on close): other per-input state may go there too. */
    public Path dataDir() {
        return dir;
    }

    /** A replica manager with no roles: every partition is single-node, as on the broker without a cluster. */
    public ReplicaManager singleNodeReplicas() {
        return new ReplicaManager(ReplicationConfig.defaults(1), time, () -> logs, AlterPartitionSender.NONE);
    }

    /** A fetch reader over these logs (single-node: consumers read to the log end). */
    public FetchReader reader(int maxBytes) {
        return new FetchReader(lookup, maxBytes, singleNodeReplicas(), time);
    }

    /** The broker's produce handler over these logs, on the manual clock. */
    public ProduceHandler produceHandler(ProducerStateTable states) {
        return new ProduceHandler(lookup, states, time, singleNodeReplicas(), new ProducePurgatory());
    }

    /** A produce handler whose transactional produces are admitted when {@code transactions} says so. */
    public ProduceHandler produceHandler(ProducerStateTable states, io.samsa.broker.data.produce.TransactionVerifier transactions) {
        return new ProduceHandler(lookup, states, time, singleNodeReplicas(), new ProducePurgatory(), transactions);
    }

    public PartitionLog log(String topic) {
        return logs.getLog(new TopicPartition(topic, 0)).orElseThrow();
    }

    @Override
    public void close() {
        logs.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
