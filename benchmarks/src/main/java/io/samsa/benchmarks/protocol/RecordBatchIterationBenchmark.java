package io.samsa.benchmarks.protocol;

import io.samsa.protocol.record.Record;
import io.samsa.protocol.record.RecordBatch;
import io.samsa.protocol.record.RecordHeader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MemoryRecordsBuilder;
import org.apache.kafka.common.record.TimestampType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Iterating one uncompressed batch of 1,000 records (keys of about 8 bytes, 100-byte values, one
 * header each), Samsa's in-place iterator beside kafka-clients' over the very same bytes (written by
 * kafka-clients). Two workloads: summing key and value sizes (the pure walk), and touching every
 * key, value and header (the slices and header decoding a consumer pays for). The codec parameter
 * defaults to none (the in-place path); lz4 and zstd show the streaming decompression path.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar RecordBatchIteration -f 1 -wi 3 -i 5 -w 1 -r 1</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RecordBatchIterationBenchmark {
    private static final int RECORDS = 1_000;
    private static final int VALUE_BYTES = 100;

    @Param({"none"})
    public String compression;

    private ByteBuffer batchBytes;

    @Setup
    public void setUp() {
        Random random = new Random(1);
        ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        MemoryRecordsBuilder builder = MemoryRecords.builder(buffer, Compression.of(compression).build(),
                TimestampType.CREATE_TIME, 0L);
        for (int i = 0; i < RECORDS; i++) {
            byte[] value = new byte[VALUE_BYTES];
            random.nextBytes(value);
            Header[] headers = {new org.apache.kafka.common.header.internals.RecordHeader("trace-id",
                    ("t" + i).getBytes(StandardCharsets.UTF_8))};
            builder.append(1_700_000_000_000L + i, ("key-" + i).getBytes(StandardCharsets.UTF_8), value, headers);
        }
        batchBytes = builder.build().buffer();
    }

    @Benchmark
    public long samsaSumSizes() {
        long sum = 0;
        for (RecordBatch batch : new io.samsa.protocol.record.MemoryRecords(batchBytes)) {
            for (Record record : batch) {
                sum += record.keySize() + record.valueSize();
            }
        }
        return sum;
    }

    @Benchmark
    public long kafkaSumSizes() {
        long sum = 0;
        for (org.apache.kafka.common.record.RecordBatch batch : MemoryRecords.readableRecords(batchBytes).batches()) {
            for (org.apache.kafka.common.record.Record record : batch) {
                sum += record.keySize() + record.valueSize();
            }
        }
        return sum;
    }

    @Benchmark
    public long samsaKeysValuesHeaders() {
        long sum = 0;
        for (RecordBatch batch : new io.samsa.protocol.record.MemoryRecords(batchBytes)) {
            for (Record record : batch) {
                sum += record.key().remaining() + record.value().remaining();
                for (RecordHeader header : record.headers()) {
                    sum += header.key().length() + header.value().remaining();
                }
            }
        }
        return sum;
    }

    @Benchmark
    public long kafkaKeysValuesHeaders() {
        long sum = 0;
        for (org.apache.kafka.common.record.RecordBatch batch : MemoryRecords.readableRecords(batchBytes).batches()) {
            for (org.apache.kafka.common.record.Record record : batch) {
                sum += record.key().remaining() + record.value().remaining();
                for (Header header : record.headers()) {
                    sum += header.key().length() + header.value().length;
                }
            }
        }
        return sum;
    }
}
