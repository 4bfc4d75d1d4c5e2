package io.samsa.benchmarks.storage;

import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MemoryRecordsBuilder;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.TimestampType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;

/** Shared helpers of the storage benchmarks: a producer-like batch built by Kafka's client code, temp dirs. */
final class BenchmarkBatches {
    private BenchmarkBatches() {
    }

    /**
     * An uncompressed v2 batch of about {@code targetBytes}, made of 1 KiB records with random bytes.
     *
     * @return the batch bytes, position 0
     */
    static ByteBuffer batchOfAbout(int targetBytes, long timestampMs) {
        Random random = new Random(1);
        MemoryRecordsBuilder builder = MemoryRecords.builder(ByteBuffer.allocate(targetBytes * 2), RecordBatch.CURRENT_MAGIC_VALUE,
                Compression.NONE, TimestampType.CREATE_TIME, 0L, timestampMs, RecordBatch.NO_PRODUCER_ID,
                RecordBatch.NO_PRODUCER_EPOCH, RecordBatch.NO_SEQUENCE, false, RecordBatch.NO_PARTITION_LEADER_EPOCH);
        byte[] value = new byte[1000];
        while (builder.estimatedSizeInBytes() + value.length + 20 <= targetBytes) {
            random.nextBytes(value);
            builder.append(timestampMs, null, value.clone());
        }
        return builder.build().buffer();
    }

    /** A fresh directory for benchmark files, on the disk under {@code samsa.bench.dir} (default: java.io.tmpdir). */
    static Path newDir(String prefix) throws IOException {
        Path base = Path.of(System.getProperty("samsa.bench.dir", System.getProperty("java.io.tmpdir")));
        Files.createDirectories(base);
        return Files.createTempDirectory(base, prefix);
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
