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
 * Appends of 16 KiB batches to a partition log, beside a plain {@code FileChannel.write} loop of the
 * same bytes to the same disk. Both start each iteration on fresh files, which are deleted after it.
 * MB/s = ops/s x {@link #batchBytes} (printed at setup). The log validates (CRC) and indexes each batch.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar LogAppendBenchmark -f 1 -wi 2 -i 3 -r 2s -w 2s</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LogAppendBenchmark {
    private static final int BATCH_BYTES = 16 * 1024;

    private ByteBuffer batch;
    private MemoryRecords records;
    private int batchBytes;
    private LogAndPlainFile files;

    @Setup(Level.Trial)
    public void buildBatch() {
        batch = BenchmarkBatches.batchOfAbout(BATCH_BYTES, System.currentTimeMillis());
        batchBytes = batch.remaining();
        records = new MemoryRecords(batch);
        System.out.println("batch bytes: " + batchBytes);
    }

    @Setup(Level.Iteration)
    public void openFiles() throws IOException {
        files = new LogAndPlainFile("samsa-append", Map.of(LogConfig.RETENTION_MS, "-1"));
    }

    @TearDown(Level.Iteration)
    public void deleteFiles() throws IOException {
        files.close();
    }

    @Benchmark
    public AppendInfo samsaAppend() {
        return files.log.append(records);
    }

    @Benchmark
    public long plainFileChannelWrite() throws IOException {
        return files.writePlain(batch, false);
    }
}
