package io.samsa.benchmarks.storage;

import io.samsa.protocol.record.MemoryRecords;
import io.samsa.protocol.util.Time;
import io.samsa.storage.LogConfig;
import io.samsa.storage.PartitionLog;
import io.samsa.storage.TopicPartition;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Recovery after an unclean stop: opening a log with no clean-shutdown marker and no recovery-point
 * checkpoint, so every batch of every segment is re-validated (structure and CRC-32C) and both
 * indexes of every segment rebuilt. {@code sizeMb} defaults to 256 (segments of 128 MiB) to keep
 * runs short; pass {@code -p sizeMb=1024} for the 1 GiB figure. The files are in the page cache, so
 * this measures the CPU side of recovery, not the disk.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar LogRecoveryBenchmark -f 1 -wi 1 -i 3</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class LogRecoveryBenchmark {
    private static final TopicPartition PARTITION = new TopicPartition("bench", 0);

    @Param({"256"})
    public int sizeMb;

    private Path dir;
    private LogConfig config;
    private PartitionLog recovered;

    @Setup(Level.Trial)
    public void fill() throws IOException {
        dir = BenchmarkBatches.newDir("samsa-recovery").resolve(PARTITION.dirName());
        config = LogConfig.fromMap(Map.of(LogConfig.RETENTION_MS, "-1", LogConfig.SEGMENT_BYTES, String.valueOf(128 << 20)));
        PartitionLog log = PartitionLog.open(dir, PARTITION, config, Time.SYSTEM);
        ByteBuffer batch = BenchmarkBatches.batchOfAbout(16 * 1024, System.currentTimeMillis());
        long target = (long) sizeMb << 20;
        while (log.sizeInBytes() < target) {
            log.append(new MemoryRecords(batch.duplicate()));
        }
        log.close();
    }

    /** Makes the next open an unclean-stop recovery of everything. */
    @Setup(Level.Invocation)
    public void crash() throws IOException {
        Files.deleteIfExists(dir.resolve(".clean_shutdown"));
        Files.deleteIfExists(dir.resolve("checkpoint"));
    }

    @TearDown(Level.Invocation)
    public void closeRecovered() {
        recovered.close();
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        BenchmarkBatches.deleteRecursively(dir.getParent());
    }

    @Benchmark
    public long recoverAll() {
        recovered = PartitionLog.open(dir, PARTITION, config, Time.SYSTEM);
        return recovered.logEndOffset();
    }
}
