package io.samsa.broker.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;

/**
 * Replaces a small metadata file durably: the bytes go to {@code <name>.tmp}, are forced to disk,
 * renamed over the file, and the directory is forced, so a crash leaves either the old file or the
 * new one, never a torn mix. Used by the topic registry and the group config store.
 *
 * <p>Stateless; thread-safe as long as callers do not write the same file concurrently.
 */
public final class AtomicFile {
    private AtomicFile() {
    }

    /**
     * @param file  the file to replace (its directory is created when missing)
     * @param bytes its new content
     * @throws IOException when the disk refuses; the previous file is then intact
     */
    public static void write(Path file, byte[] bytes) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path temp = dir.resolve(file.getFileName() + ".tmp");
        Files.createDirectories(dir);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        moveAtomically(temp, file);
        forceDirectory(dir);
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            // Only on file systems without rename(2) semantics; still replaces the whole file.
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Makes the rename itself durable. Some platforms cannot open a directory; they need not. */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Windows and some file systems refuse to open a directory; the rename is durable there anyway.
        }
    }
}
