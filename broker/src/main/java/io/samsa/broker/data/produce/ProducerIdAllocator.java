package io.samsa.broker.data.produce;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Hands out producer ids that are never reused, even across restarts: ids come in blocks of
 * {@link #BLOCK_SIZE}, and the end of the current block is made durable
 * ({@value #FILE_NAME} in the data dir, written to a temp file, fsynced, renamed) before any id
 * of it is given out. A restart starts at the next block, skipping what was left of the last one.
 *
 * <p>Thread-safe: {@link #nextId} is synchronized (a disk write once per block).
 */
public final class ProducerIdAllocator implements ProducerIdSource {
    public static final String FILE_NAME = "producer-id-block";
    static final long BLOCK_SIZE = 1000;

    private final Path dir;
    private long next;
    private long blockEnd;

    public ProducerIdAllocator(Path dir) {
        this.dir = dir;
    }

    @Override
    public String name() {
        return "producer-ids";
    }

    @Override
    public synchronized void start() {
        Path file = dir.resolve(FILE_NAME);
        try {
            next = Files.exists(file) ? Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).trim()) : 0;
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot read the producer id block from " + file, e);
        }
        blockEnd = next;
    }

    /** @return a producer id no earlier call, in this or any earlier run, returned; never {@link #NONE} */
    @Override
    public synchronized long nextId() {
        if (next == blockEnd) {
            long end = next + BLOCK_SIZE;
            persist(end);
            blockEnd = end;
        }
        return next++;
    }

    private void persist(long end) {
        Path tmp = dir.resolve(FILE_NAME + ".tmp");
        try {
            Files.createDirectories(dir);
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(ByteBuffer.wrap((end + "\n").getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            Files.move(tmp, dir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the producer id block in " + dir, e);
        }
    }

    @Override
    public void close() {
    }
}
