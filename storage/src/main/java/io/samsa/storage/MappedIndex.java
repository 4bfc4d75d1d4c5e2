package io.samsa.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A memory-mapped file of fixed-size entries sorted by key, the common part of the offset and time
 * indexes. The file of the active segment is preallocated to the maximum index size (a sparse file)
 * and trimmed to its entries when the segment stops being active or the log closes.
 *
 * <p>Thread-safety: one writer (the partition's append lock holder) and any number of readers. The
 * writer fills an entry and then publishes the new count through a volatile, so a reader that reads
 * the count first sees only complete entries. Readers never touch bytes past the count, which stays
 * inside the file even after a trim.
 */
abstract class MappedIndex implements AutoCloseable {
    protected final long baseOffset;
    private final int entryBytes;
    private volatile Path path;
    private volatile MappedByteBuffer mmap;
    private volatile int entries;
    private int maxEntries;

    /**
     * Maps an index file, creating it when absent.
     *
     * @param path          the file
     * @param baseOffset    the segment's base offset; entries hold offsets relative to it
     * @param maxIndexBytes the size to map for appends, in bytes; 0 to map only the existing entries
     * @param entryBytes    the size of one entry, in bytes
     */
    protected MappedIndex(Path path, long baseOffset, int maxIndexBytes, int entryBytes) throws IOException {
        this.path = path;
        this.baseOffset = baseOffset;
        this.entryBytes = entryBytes;
        long existingBytes = Files.exists(path) ? Files.size(path) : 0;
        this.entries = (int) (existingBytes / entryBytes);
        map(Math.max(existingBytes, roundDown(maxIndexBytes)));
    }

    private int roundDown(long bytes) {
        return (int) (bytes / entryBytes * entryBytes);
    }

    private void map(long bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            if (channel.size() != bytes) {
                if (channel.size() > bytes) {
                    channel.truncate(bytes);
                } else {
                    // extending the length without writing leaves a sparse file
                    channel.write(java.nio.ByteBuffer.allocate(1), bytes - 1);
                }
            }
            this.mmap = channel.map(FileChannel.MapMode.READ_WRITE, 0, bytes);
            this.maxEntries = (int) (bytes / entryBytes);
        }
    }

    /** True when the file's length was not a whole number of entries (a torn or foreign file). */
    static boolean hasWholeEntries(Path path, int entryBytes) throws IOException {
        return !Files.exists(path) || Files.size(path) % entryBytes == 0;
    }

    public Path path() {
        return path;
    }

    public int entries() {
        return entries;
    }

    public boolean isFull() {
        return entries >= maxEntries;
    }

    protected MappedByteBuffer buffer() {
        return mmap;
    }

    protected int entryBytes() {
        return entryBytes;
    }

    /** Starts the next entry; the caller writes it and then calls {@link #publishEntry()}. */
    protected int nextEntryPosition() {
        if (isFull()) {
            throw new IllegalStateException("index " + path + " is full at " + entries + " entries");
        }
        return entries * entryBytes;
    }

    protected void publishEntry() {
        entries = entries + 1;
    }

    /**
     * Binary search for the last entry whose key is at most (or strictly below) the target.
     *
     * @return the entry number, or -1 when every entry's key is above the target
     */
    protected int floorEntry(long target, boolean strict, int count) {
        int low = 0;
        int high = count - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            long key = keyAt(mid);
            boolean below = strict ? key < target : key <= target;
            if (below) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return found;
    }

    /** The sort key of entry n. */
    protected abstract long keyAt(int n);

    /** Drops every entry; the mapping stays for refilling. */
    void reset(int maxIndexBytes) throws IOException {
        entries = 0;
        map(roundDown(maxIndexBytes));
    }

    /** Grows the mapping back to the maximum so a reopened active segment can append again. */
    void resize(int maxIndexBytes) throws IOException {
        map(Math.max((long) entries * entryBytes, roundDown(maxIndexBytes)));
    }

    /** Shrinks the file to its entries: called when the segment stops being active. */
    void trimToValidSize() throws IOException {
        map((long) entries * entryBytes);
    }

    void flush() {
        mmap.force();
    }

    void renameTo(Path target) throws IOException {
        Files.move(path, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        path = target;
    }

    void deleteFile() throws IOException {
        Files.deleteIfExists(path);
    }

    /**
     * Nothing to release by hand: the mapping is unmapped by the garbage collector once no reader
     * holds it, so a reader racing with a close never touches unmapped memory.
     */
    @Override
    public void close() {
    }

    static UncheckedIOException unchecked(IOException e) {
        return new UncheckedIOException(e);
    }
}
