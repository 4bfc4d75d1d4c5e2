package io.samsa.benchmarks.storage;

import io.samsa.protocol.record.MemoryRecords;
import io.samsa.storage.AppendInfo;
import io.samsa.storage.LogConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Durable appends ({@code flush.messages=1}: every acknowledged append is fsynced) of 16 KiB batches,
 * beside a plain loop that writes and fsyncs each batch under a lock. Run with {@code -t 1} and
 * {@code -t 8}: with group commit the log's throughput grows with concurrent appenders because
 * appends that arrive during one fsync share the next, while the plain loop pays one fsync per write.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar DurableAppendBenchmark -f 1 -wi 1 -i 3 -r 2s -w 2s -t 8</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DurableAppendBenchmark {
    private LogAndPlainFile files;

    /** Each thread appends its own buffer: append assigns offsets in place. */
    @State(Scope.Thread)
    public static class ThreadBatch {
        ByteBuffer batch;
        MemoryRecords records;

        @Setup(Level.Trial)
        public void build() {
            batch = BenchmarkBatches.batchOfAbout(16 * 1024, System.currentTimeMillis());
            records = new MemoryRecords(batch);
        }
    }

    @Setup(Level.Iteration)
    public void openFiles() throws IOException {
        files = new LogAndPlainFile("samsa-durable", Map.of(LogConfig.FLUSH_MESSAGES, "1", LogConfig.RETENTION_MS, "-1"));
    }

    @TearDown(Level.Iteration)
    public void deleteFiles() throws IOException {
        files.close();
    }

    @Benchmark
    public AppendInfo samsaDurableAppend(ThreadBatch thread) {
        return files.log.append(thread.records);
    }

    @Benchmark
    public long plainWriteAndForce(ThreadBatch thread) throws IOException {
        synchronized (this) {
            return files.writePlain(thread.batch, true);
        }
    }
}
