package io.samsa.benchmarks.storage;

import io.samsa.protocol.util.Time;
import io.samsa.storage.LogConfig;
import io.samsa.storage.PartitionLog;
import io.samsa.storage.TopicPartition;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * A fresh partition log and, beside it on the same disk, a plain file for the baseline loop; both
 * deleted on close. One per benchmark iteration. Not thread-safe except {@link #writePlain} when the
 * caller synchronizes.
 */
final class LogAndPlainFile implements AutoCloseable {
    final PartitionLog log;
    private final Path dir;
    private final FileChannel plain;
    private long plainPosition;

    /**
     * @param prefix    temp directory prefix
     * @param logConfig topic settings of the log
     */
    LogAndPlainFile(String prefix, Map<String, String> logConfig) throws IOException {
        dir = BenchmarkBatches.newDir(prefix);
        log = PartitionLog.open(dir.resolve("bench-0"), new TopicPartition("bench", 0), LogConfig.fromMap(logConfig), Time.SYSTEM);
        plain = FileChannel.open(dir.resolve("plain.log"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    /**
     * Appends the bytes to the plain file with positional writes, as the log does.
     *
     * @param force whether to fsync after the write
     * @return the plain file's length afterwards
     */
    long writePlain(ByteBuffer batch, boolean force) throws IOException {
        ByteBuffer bytes = batch.duplicate();
        while (bytes.hasRemaining()) {
            plainPosition += plain.write(bytes, plainPosition);
        }
        if (force) {
            plain.force(false);
        }
        return plainPosition;
    }

    @Override
    public void close() throws IOException {
        log.close();
        plain.close();
        BenchmarkBatches.deleteRecursively(dir);
    }
}
