package io.samsa.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The durable per-partition state beside the segments: the recovery point (every offset below it
 * was fsynced, so recovery starts there) and the log start offset (moved by DeleteRecords and
 * retention), plus the clean-shutdown marker written last by a clean close.
 *
 * <pre>
 * checkpoint (text):  0               format version
 *                     recoveryPoint
 *                     logStartOffset
 * .clean_shutdown:    empty marker file
 * </pre>
 *
 * Writes are atomic: a temporary file is fsynced and renamed over the old one. A missing or
 * unreadable checkpoint reads as offsets 0, which only makes recovery do more work.
 *
 * <p>Not thread-safe; called under the owning log's lock or at open/close.
 */
final class PartitionCheckpoint {
    static final String FILE_NAME = "checkpoint";
    static final String CLEAN_SHUTDOWN_FILE_NAME = ".clean_shutdown";
    private static final String VERSION = "0";

    private final Path file;
    private final Path marker;

    PartitionCheckpoint(Path dir) {
        this.file = dir.resolve(FILE_NAME);
        this.marker = dir.resolve(CLEAN_SHUTDOWN_FILE_NAME);
    }

    /** @return {recoveryPoint, logStartOffset}, zeros when absent or unreadable */
    long[] read() {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.size() >= 3 && VERSION.equals(lines.get(0).trim())) {
                return new long[] {Long.parseLong(lines.get(1).trim()), Long.parseLong(lines.get(2).trim())};
            }
        } catch (NoSuchFileException e) {
            return new long[] {0, 0};
        } catch (IOException | NumberFormatException e) {
            // fall through: an unreadable checkpoint means "recover everything"
        }
        return new long[] {0, 0};
    }

    void write(long recoveryPoint, long logStartOffset) throws IOException {
        Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
        byte[] bytes = (VERSION + "\n" + recoveryPoint + "\n" + logStartOffset + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    boolean hasCleanShutdownMarker() {
        return Files.exists(marker);
    }

    void writeCleanShutdownMarker() throws IOException {
        try (FileChannel channel = FileChannel.open(marker, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        fsyncDirectory(marker.getParent());
    }

    /** Removes the marker durably, so a crash after new appends is never taken for a clean stop. */
    void deleteCleanShutdownMarker() throws IOException {
        if (Files.deleteIfExists(marker)) {
            fsyncDirectory(marker.getParent());
        }
    }

    static void fsyncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some file systems refuse to open directories; the rename is still atomic there
        }
    }
}
