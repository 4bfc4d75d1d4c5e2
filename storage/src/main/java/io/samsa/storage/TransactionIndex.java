package io.samsa.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The aborted-transaction index of one segment ({@code <base>.txnindex}, Kafka's name and format): one
 * {@link AbortedTxn} entry of {@link AbortedTxn#ENTRY_BYTES} per ABORT marker appended to the
 * segment, in marker-offset order. A read_committed fetch asks it which aborted transactions
 * overlap the offsets it returns.
 *
 * <p>The entries are also held in memory (an ABORT is rare next to data, so the arrays stay small),
 * and the file is opened only to append, truncate or flush: no descriptor stays open per segment,
 * and a compacted replacement of the segment can share the same index.
 *
 * <p>Thread-safety: mutations come from the holder of the log's lock; readers see an immutable
 * array published through a volatile, so they never take a lock.
 */
final class TransactionIndex {
    private static final AbortedTxn[] NONE = new AbortedTxn[0];

    private volatile Path path;
    private volatile AbortedTxn[] entries;
    /** Entries appended since the last flush. */
    private boolean dirty;

    private TransactionIndex(Path path, AbortedTxn[] entries) {
        this.path = path;
        this.entries = entries;
    }

    /**
     * Loads the index at {@code path} (absent: empty). A torn trailing entry and an entry of an
     * unknown version end the index there; the file is cut to the entries kept.
     */
    static TransactionIndex load(Path path) throws IOException {
        if (!Files.exists(path)) {
            return new TransactionIndex(path, NONE);
        }
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(path));
        List<AbortedTxn> loaded = new ArrayList<>();
        for (int at = 0; at + AbortedTxn.ENTRY_BYTES <= bytes.limit(); at += AbortedTxn.ENTRY_BYTES) {
            AbortedTxn entry = AbortedTxn.readFrom(bytes, at);
            if (entry == null) {
                break;
            }
            loaded.add(entry);
        }
        TransactionIndex index = new TransactionIndex(path, loaded.toArray(NONE));
        if ((long) loaded.size() * AbortedTxn.ENTRY_BYTES != bytes.limit()) {
            index.rewrite();
        }
        return index;
    }

    Path path() {
        return path;
    }

    /** @return the entries, in marker-offset order (an immutable snapshot) */
    List<AbortedTxn> entries() {
        return List.of(entries);
    }

    /** Appends an entry (to the file, then to memory). */
    void append(AbortedTxn entry) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(AbortedTxn.ENTRY_BYTES);
        entry.writeTo(bytes);
        bytes.flip();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        }
        AbortedTxn[] current = entries;
        AbortedTxn[] next = Arrays.copyOf(current, current.length + 1);
        next[current.length] = entry;
        entries = next;
        dirty = true;
    }

    /** Adds to {@code out} every entry whose transaction overlaps {@code [fromOffset, upperBoundOffset)}. */
    void collectOverlapping(long fromOffset, long upperBoundOffset, List<AbortedTxn> out) {
        for (AbortedTxn entry : entries) {
            if (entry.overlaps(fromOffset, upperBoundOffset)) {
                out.add(entry);
            }
        }
    }

    /** Drops every entry whose marker is at or after {@code offset} (log truncation, state replay). */
    void truncateTo(long offset) throws IOException {
        AbortedTxn[] current = entries;
        int keep = 0;
        while (keep < current.length && current[keep].lastOffset() < offset) {
            keep++;
        }
        if (keep < current.length) {
            entries = Arrays.copyOf(current, keep);
            rewrite();
        }
    }

    /** Forces appended entries to disk (with the segment's flush). */
    void flush() throws IOException {
        if (!dirty || !Files.exists(path)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        dirty = false;
    }

    /** Renames the file (deletion suffix); a missing file is fine. */
    void renameTo(Path target) throws IOException {
        try {
            Files.move(path, target);
        } catch (NoSuchFileException e) {
            // nothing was ever aborted in this segment
        }
        path = target;
    }

    void deleteFile() throws IOException {
        Files.deleteIfExists(path);
    }

    /** Writes the file from the in-memory entries (after truncation or a torn tail). */
    private void rewrite() throws IOException {
        AbortedTxn[] current = entries;
        if (current.length == 0) {
            Files.deleteIfExists(path);
            return;
        }
        ByteBuffer bytes = ByteBuffer.allocate(current.length * AbortedTxn.ENTRY_BYTES);
        for (AbortedTxn entry : current) {
            entry.writeTo(bytes);
        }
        bytes.flip();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        dirty = false;
    }
}
