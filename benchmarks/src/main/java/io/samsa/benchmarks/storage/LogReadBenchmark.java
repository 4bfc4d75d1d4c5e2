package io.samsa.benchmarks.storage;

import io.samsa.protocol.record.MemoryRecords;
import io.samsa.protocol.util.Time;
import io.samsa.storage.FileSlice;
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
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Fetch-style reads: {@code PartitionLog.read(offset, maxBytes)} then {@code transferTo} of the slice,
 * beside a plain {@code transferTo} of the same file in chunks of the same size. The target is
 * /dev/null, so both measure the lookup plus the kernel transfer of cached pages; the log's extra work
 * is the index lookup and the batch-header walk that bounds the slice to whole batches.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar LogReadBenchmark -f 1 -wi 2 -i 3 -r 2s -w 2s</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LogReadBenchmark {
    @Param({"1048576"})
    public int maxBytes;

    @Param({"256"})
    public int logMb;

    private Path dir;
    private PartitionLog log;
    private FileChannel segmentFile;
    private FileChannel sink;
    private long nextOffset;
    private long plainPosition;
    private long endOffset;
    private long fileBytes;
    private int batchBytes;
    private long recordsPerBatch;

    @Setup(Level.Trial)
    public void fill() throws IOException {
        dir = BenchmarkBatches.newDir("samsa-read");
        log = PartitionLog.open(dir.resolve("bench-0"), new TopicPartition("bench", 0),
                LogConfig.fromMap(Map.of(LogConfig.RETENTION_MS, "-1")), Time.SYSTEM);
        ByteBuffer batch = BenchmarkBatches.batchOfAbout(16 * 1024, System.currentTimeMillis());
        long target = (long) logMb << 20;
        while (log.sizeInBytes() < target) {
            log.append(new MemoryRecords(batch.duplicate()));
        }
        log.flush();
        endOffset = log.logEndOffset();
        segmentFile = log.read(0, 1).channel();
        fileBytes = segmentFile.size();
        batchBytes = batch.remaining();
        recordsPerBatch = endOffset / (log.sizeInBytes() / batchBytes);
        sink = FileChannel.open(Path.of("/dev/null"), StandardOpenOption.WRITE);
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        sink.close();
        log.close();
        BenchmarkBatches.deleteRecursively(dir);
    }

    @Benchmark
    public long samsaReadTransferTo() throws IOException {
        if (nextOffset >= endOffset) {
            nextOffset = 0;
        }
        FileSlice slice = log.read(nextOffset, maxBytes);
        long sent = 0;
        while (sent < slice.sizeInBytes()) {
            sent += slice.transferTo(sink, sent);
        }
        // the consumer's next position: every batch here has the same size and record count
        nextOffset += (slice.sizeInBytes() / batchBytes) * recordsPerBatch;
        return sent;
    }

    @Benchmark
    public long plainTransferTo() throws IOException {
        if (plainPosition >= fileBytes) {
            plainPosition = 0;
        }
        long length = Math.min(maxBytes, fileBytes - plainPosition);
        long sent = 0;
        while (sent < length) {
            sent += segmentFile.transferTo(plainPosition + sent, length - sent, sink);
        }
        plainPosition += sent;
        return sent;
    }
}
