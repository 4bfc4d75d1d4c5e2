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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Kafka's checkpoint text format, shared by {@code leader-epoch-checkpoint} (per partition) and
 * {@code replication-offset-checkpoint} (per log dir):
 *
 * <pre>
 * 0            version
 * 2            number of entries
 * entry 1      one line per entry, fields separated by one space
 * entry 2
 * </pre>
 *
 * <p>Writes are atomic and durable: the lines go to {@code <name>.tmp}, which is fsynced and
 * renamed over the file, and the directory is fsynced, so a crash leaves either the old or the new
 * file, never a torn one (a leftover {@code .tmp} is ignored and overwritten by the next write).
 *
 * <p>Stateless and thread-safe per file only if callers serialise writes of the same file.
 */
final class CheckpointFile {
    static final int VERSION = 0;

    private CheckpointFile() {
    }

    /**
     * @return the entries' lines, or empty when the file is absent
     * @throws IOException when the file exists but is malformed (wrong version, count or shape)
     */
    static Optional<List<String[]>> read(Path file, int fieldsPerEntry) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (lines.size() < 2 || !String.valueOf(VERSION).equals(lines.get(0).trim())) {
            throw new IOException("malformed checkpoint " + file + ": bad version line");
        }
        int count;
        try {
            count = Integer.parseInt(lines.get(1).trim());
        } catch (NumberFormatException e) {
            throw new IOException("malformed checkpoint " + file + ": bad entry count", e);
        }
        if (count < 0 || lines.size() < 2 + count) {
            throw new IOException("malformed checkpoint " + file + ": " + count + " entries announced, "
                    + (lines.size() - 2) + " present");
        }
        List<String[]> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String[] fields = lines.get(2 + i).trim().split(" ");
            if (fields.length != fieldsPerEntry) {
                throw new IOException("malformed checkpoint " + file + ": entry '" + lines.get(2 + i) + "'");
            }
            entries.add(fields);
        }
        return Optional.of(entries);
    }

    /** Replaces the file with {@code entries} (each already joined by spaces), atomically and durably. */
    static void write(Path file, List<String> entries) throws IOException {
        StringBuilder text = new StringBuilder().append(VERSION).append('\n').append(entries.size()).append('\n');
        for (String entry : entries) {
            text.append(entry).append('\n');
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        PartitionCheckpoint.fsyncDirectory(file.getParent());
    }
}
