package io.samsa.storage;

import io.samsa.protocol.util.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Owns every partition log of a broker under one or more {@code log.dirs}: opens and recovers them
 * at start-up, creates and deletes them, runs the background duties (retention, compaction,
 * flush.ms, checkpoints, delayed file deletion) and closes them cleanly at shutdown.
 *
 * <p>Duties are {@link PeriodicDuty}s of the injected clock. Two scheduler threads the manager owns
 * offer them every {@code samsa.log.scheduler.tick.ms} of real time: one for housekeeping, one for
 * compaction (so a long compaction never delays retention or flushes). Tests skip the threads
 * ({@link #startup(boolean)} with false) and call {@link #runRetention}, {@link #runCompaction},
 * {@link #runFlush}, {@link #runCheckpoints} or {@link #tick} with a chosen time.
 *
 * <p>Thread-safe: the log map is concurrent; create and delete are synchronized.
 */
public final class LogManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogManager.class);
    private static final String DELETE_DIR_SUFFIX = "-delete";

    private final LogManagerConfig config;
    private final Function<String, LogConfig> topicConfigs;
    private final Time time;
    private final ConcurrentHashMap<TopicPartition, PartitionLog> logs = new ConcurrentHashMap<>();
    private final List<PeriodicDuty> housekeeping = new ArrayList<>();
    private PeriodicDuty compaction;
    /** Serialises replication-offset-checkpoint writes (not the manager's monitor, which shutdown holds). */
    private final Object highWatermarkFiles = new Object();
    private ScheduledExecutorService scheduler;
    private volatile boolean started;

    /**
     * @param config       broker-level settings
     * @param topicConfigs the config of each topic by name (topic overrides over broker defaults)
     * @param time         the clock for every duty, roll and retention decision
     */
    public LogManager(LogManagerConfig config, Function<String, LogConfig> topicConfigs, Time time) {
        this.config = config;
        this.topicConfigs = topicConfigs;
        this.time = time;
    }

    /** Opens every log with background threads. */
    public void startup() {
        startup(true);
    }

    /**
     * Opens and recovers every partition log found under the log dirs.
     *
     * @param startScheduler false to drive the duties by hand (tests)
     */
    public synchronized void startup(boolean startScheduler) {
        if (started) {
            throw new IllegalStateException("already started");
        }
        for (Path dir : config.logDirs()) {
            loadDir(dir);
            recoverHighWatermarks(dir);
        }
        long nowMs = time.milliseconds();
        housekeeping.add(new PeriodicDuty("retention", config.retentionCheckIntervalMs(), nowMs, this::runRetention));
        housekeeping.add(new PeriodicDuty("flush", config.flushSchedulerIntervalMs(), nowMs, this::runFlush));
        housekeeping.add(new PeriodicDuty("checkpoint", config.checkpointIntervalMs(), nowMs, ignored -> runCheckpoints()));
        housekeeping.add(new PeriodicDuty("deletes", 0, nowMs, this::runPendingDeletes));
        compaction = new PeriodicDuty("compaction", config.cleanerBackoffMs(), nowMs, this::runCompaction);
        if (startScheduler) {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2, runnable -> {
                Thread thread = new Thread(runnable, "samsa-log-scheduler");
                thread.setDaemon(true);
                return thread;
            });
            long tick = config.schedulerTickMs();
            executor.scheduleWithFixedDelay(() -> guarded(this::tickHousekeeping), tick, tick, TimeUnit.MILLISECONDS);
            if (config.cleanerEnabled()) {
                executor.scheduleWithFixedDelay(() -> guarded(() -> compaction.maybeRun(time.milliseconds())), tick, tick, TimeUnit.MILLISECONDS);
            }
            scheduler = executor;
        }
        started = true;
    }

    /** Opens (and recovers) the partitions of one log dir on {@code num.recovery.threads.per.data.dir} threads. */
    private void loadDir(Path dir) {
        Map<TopicPartition, Path> found = new LinkedHashMap<>();
        try {
            Files.createDirectories(dir);
            try (DirectoryStream<Path> children = Files.newDirectoryStream(dir, Files::isDirectory)) {
                for (Path child : children) {
                    String name = child.getFileName().toString();
                    if (name.endsWith(DELETE_DIR_SUFFIX)) {
                        deleteRecursively(child);
                        continue;
                    }
                    TopicPartition partition = TopicPartition.fromDirName(name);
                    if (partition == null) {
                        continue;
                    }
                    if (logs.containsKey(partition) || found.containsKey(partition)) {
                        throw new StorageException("partition " + partition + " exists in two log dirs; second copy in " + dir);
                    }
                    found.put(partition, child);
                }
            }
        } catch (IOException e) {
            throw new StorageException("cannot load log dir " + dir, e);
        }
        ExecutorService recovery = Executors.newFixedThreadPool(
                config.recoveryThreadsPerDataDir(), runnable -> new Thread(runnable, "samsa-log-recovery"));
        try {
            Map<TopicPartition, Future<PartitionLog>> opening = new LinkedHashMap<>();
            found.forEach((partition, child) -> opening.put(partition,
                    recovery.submit(() -> PartitionLog.open(child, partition, topicConfigs.apply(partition.topic()), time))));
            for (Map.Entry<TopicPartition, Future<PartitionLog>> entry : opening.entrySet()) {
                logs.put(entry.getKey(), entry.getValue().get());
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new StorageException("cannot load log dir " + dir, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while loading " + dir, e);
        } finally {
            recovery.shutdownNow();
        }
    }

    /** Sets each loaded log's high watermark from the dir's replication-offset-checkpoint, clamped to the log. */
    private void recoverHighWatermarks(Path dir) {
        new HighWatermarkCheckpoint(dir).read().forEach((partition, hw) -> {
            PartitionLog log = logs.get(partition);
            if (log != null && log.dir().getParent().equals(dir)) {
                log.updateHighWatermark(hw);
            }
        });
    }

    /**
     * Writes every log dir's replication-offset-checkpoint (the high watermarks). Done with the
     * periodic checkpoints and at shutdown.
     */
    public void writeHighWatermarks() {
        synchronized (highWatermarkFiles) {
            writeHighWatermarksLocked();
        }
    }

    private void writeHighWatermarksLocked() {
        for (Path dir : config.logDirs()) {
            Map<TopicPartition, Long> hws = new LinkedHashMap<>();
            logs.forEach((partition, log) -> {
                if (log.dir().getParent().equals(dir)) {
                    hws.put(partition, log.highWatermark());
                }
            });
            try {
                new HighWatermarkCheckpoint(dir).write(hws);
            } catch (IOException e) {
                throw new StorageException("cannot write the high watermarks of " + dir, e);
            }
        }
    }

    private static void guarded(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.error("Background log duty failed", e);
        }
    }

    /** Offers every housekeeping duty the current time; each runs if its interval passed. */
    public void tick() {
        tickHousekeeping();
        if (compaction != null && config.cleanerEnabled()) {
            compaction.maybeRun(time.milliseconds());
        }
    }

    private void tickHousekeeping() {
        long nowMs = time.milliseconds();
        for (PeriodicDuty duty : housekeeping) {
            duty.maybeRun(nowMs);
        }
    }

    public Optional<PartitionLog> getLog(TopicPartition partition) {
        return Optional.ofNullable(logs.get(partition));
    }

    public Collection<PartitionLog> allLogs() {
        return List.copyOf(logs.values());
    }

    /**
     * Returns the partition's log, creating it with the topic's config in the log dir holding the
     * fewest partitions when it does not exist.
     */
    public synchronized PartitionLog getOrCreateLog(TopicPartition partition) {
        PartitionLog existing = logs.get(partition);
        if (existing != null) {
            return existing;
        }
        Path dir = config.logDirs().stream()
                .min(Comparator.comparingLong(this::partitionsIn))
                .orElseThrow()
                .resolve(partition.dirName());
        PartitionLog log = PartitionLog.open(dir, partition, topicConfigs.apply(partition.topic()), time);
        logs.put(partition, log);
        return log;
    }

    private long partitionsIn(Path logDir) {
        return logs.values().stream().filter(log -> log.dir().getParent().equals(logDir)).count();
    }

    /** Re-reads {@code topic}'s config (through the topic-config function) and applies it to its open logs. */
    public void reloadTopicConfig(String topic) {
        updateTopicConfig(topic, topicConfigs.apply(topic));
    }

    /** Applies a changed topic config to its open logs. */
    public void updateTopicConfig(String topic, LogConfig newConfig) {
        logs.forEach((partition, log) -> {
            if (partition.topic().equals(topic)) {
                log.updateConfig(newConfig);
            }
        });
    }

    /**
     * Removes a partition's log: closes it and renames its directory with a {@code -delete} suffix;
     * the directory is removed with the next start-up or at once when nothing reads it.
     */
    public synchronized boolean deleteLog(TopicPartition partition) {
        PartitionLog log = logs.remove(partition);
        if (log == null) {
            return false;
        }
        log.closeUncleanly();
        try {
            Path renamed = log.dir().resolveSibling(partition.dirName() + "." + time.milliseconds() + DELETE_DIR_SUFFIX);
            Files.move(log.dir(), renamed);
            deleteRecursively(renamed);
        } catch (IOException e) {
            throw new StorageException("cannot delete the log of " + partition, e);
        }
        return true;
    }

    /** One retention pass over every log; returns segments deleted. */
    public int runRetention(long nowMs) {
        int deleted = 0;
        for (PartitionLog log : logs.values()) {
            deleted += log.deleteExpiredSegments(nowMs);
        }
        return deleted;
    }

    /** One compaction pass over every compacted log that is due; returns logs compacted. */
    public int runCompaction(long nowMs) {
        int compacted = 0;
        for (PartitionLog log : logs.values()) {
            if (log.compactionDue(nowMs) && log.compact(nowMs, config.cleanerDedupeBufferBytes())) {
                compacted++;
            }
        }
        return compacted;
    }

    /** flush.ms: flushes every log whose last flush is old enough. */
    public void runFlush(long nowMs) {
        for (PartitionLog log : logs.values()) {
            log.maybeFlush(nowMs);
        }
    }

    /** Writes every log's recovery point and log start offset. */
    public void runCheckpoints() {
        for (PartitionLog log : logs.values()) {
            log.writeCheckpoint();
        }
        writeHighWatermarks();
    }

    /** Closes and deletes segment files whose file.delete.delay.ms has passed. */
    public void runPendingDeletes(long nowMs) {
        for (PartitionLog log : logs.values()) {
            log.runPendingDeletes(nowMs);
        }
    }

    /** Stops the duties and closes every log cleanly (flush, checkpoint, clean-shutdown marker). */
    public synchronized void shutdown() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
                    LOG.warn("Log scheduler did not stop within 30 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
        }
        try {
            writeHighWatermarks();
        } catch (StorageException e) {
            LOG.error("Could not write the high watermarks at shutdown", e);
        }
        for (Map.Entry<TopicPartition, PartitionLog> entry : logs.entrySet()) {
            try {
                entry.getValue().close();
            } catch (StorageException e) {
                LOG.error("Could not close the log of {} cleanly", entry.getKey(), e);
            }
        }
        logs.clear();
        started = false;
    }

    @Override
    public void close() {
        shutdown();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
