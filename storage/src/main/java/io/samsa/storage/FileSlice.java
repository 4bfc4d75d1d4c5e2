package io.samsa.storage;

import io.samsa.protocol.record.MemoryRecords;
import io.samsa.protocol.record.FileSliceRecords;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A run of whole record batches inside one segment file: channel, position and length, never a
 * copy. The broker sends it as a Netty {@code FileRegion} over {@code channel()}, {@code position()} and
 * {@code sizeInBytes()}; the kernel moves the bytes (sendfile).
 *
 * <p><b>Ownership:</b> the channel belongs to the log. Netty's {@code DefaultFileRegion} closes its
 * channel when released, which would close the segment for every reader; wrap the slice in a
 * {@code FileRegion} whose deallocation does nothing (its {@code transferTo} can call
 * {@link #transferTo(WritableByteChannel, long)}), or open a separate channel per region.
 *
 * <p>Immutable and thread-safe: positional reads and transfers never move the channel's position.
 * The channel stays open at least {@code file.delete.delay.ms} after its segment is deleted or
 * replaced, so a slice handed to the network is still readable while it is sent.
 */
public final class FileSlice implements FileSliceRecords {
    private final FileChannel channel;
    private final long position;
    private final int sizeInBytes;

    /**
     * @param channel     the segment file
     * @param position    the first byte, in bytes from the start of the file
     * @param sizeInBytes the length, in bytes
     */
    public FileSlice(FileChannel channel, long position, int sizeInBytes) {
        this.channel = channel;
        this.position = position;
        this.sizeInBytes = sizeInBytes;
    }

    /** The segment file; do not change its position or close it. */
    public FileChannel channel() {
        return channel;
    }

    /** The first byte's position in the file. */
    public long position() {
        return position;
    }

    @Override
    public int sizeInBytes() {
        return sizeInBytes;
    }

    public boolean isEmpty() {
        return sizeInBytes == 0;
    }

    /**
     * Sends part of the slice with {@link FileChannel#transferTo} (zero-copy where the OS allows).
     *
     * @param target     where to write
     * @param fromBytes  offset inside the slice, in bytes
     * @return bytes transferred, possibly fewer than remain
     */
    public long transferTo(WritableByteChannel target, long fromBytes) throws IOException {
        return channel.transferTo(position + fromBytes, sizeInBytes - fromBytes, target);
    }

    /**
     * Copies the slice into heap memory: for tests, tools and replay, never for the fetch path.
     *
     * @return the batches as records over a new buffer
     */
    public MemoryRecords readAll() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(sizeInBytes);
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, position + buffer.position());
            if (read < 0) {
                throw new IOException("file ended inside a slice at " + (position + buffer.position()));
            }
        }
        buffer.flip();
        return new MemoryRecords(buffer);
    }

    @Override
    public String toString() {
        return "FileSlice(position=" + position + ", size=" + sizeInBytes + ")";
    }
}
