package io.samsa.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * A producer-state snapshot file, {@code <offset>.snapshot} in the partition directory (Kafka's
 * name and version-1 layout): the state of every producer after applying the log below
 * {@code offset}, so a restart replays only the batches from there on. Big-endian:
 *
 * <pre>
 *  0 version int16  1
 *  2 crc     uint32 CRC-32C of every byte after this field
 *  6 count   int32  entries that follow, 46 bytes each:
 *      0 producerId            int64
 *      8 epoch                 int16
 *     10 lastSequence          int32  -1 when the producer wrote only markers
 *     14 lastOffset            int64  its last batch's last offset, -1 when none
 *     22 offsetDelta           int32  lastOffset minus its last batch's base offset
 *     26 timestamp             int64  its latest batch or marker timestamp
 *     34 coordinatorEpoch      int32  -1 when no marker was written for it
 *     38 currentTxnFirstOffset int64  -1 when no transaction is open
 * </pre>
 *
 * <p>Written to a temporary file and renamed into place, not fsynced (Kafka also writes them off the
 * append path's durability): a snapshot is only an optimisation, and one that a crash left torn or
 * empty fails its CRC check ({@link CorruptSnapshotException}) and is ignored, the log replayed instead.
 * Stateless and thread-safe.
 */
final class ProducerStateSnapshot {
    static final short VERSION = 1;
    static final int HEADER_BYTES = 10;
    static final int ENTRY_BYTES = 46;
    private static final int CRC_OFFSET = 2;
    private static final int CRC_COVERS_FROM = 6;

    private ProducerStateSnapshot() {
    }

    /** One producer in a snapshot; the fields as laid out above. */
    record Entry(long producerId, short epoch, int lastSequence, long lastOffset, int offsetDelta, long timestampMs,
                 int coordinatorEpoch, long currentTxnFirstOffset) {
    }

    /** A snapshot file that cannot be trusted: wrong version, size or CRC. */
    static final class CorruptSnapshotException extends IOException {
        CorruptSnapshotException(String message) {
            super(message);
        }
    }

    /** Writes {@code entries} as the snapshot at {@code offset}, replacing any with that name. */
    static Path write(Path dir, long offset, List<Entry> entries) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(HEADER_BYTES + entries.size() * ENTRY_BYTES);
        bytes.putShort(VERSION).putInt(0).putInt(entries.size());
        for (Entry e : entries) {
            bytes.putLong(e.producerId()).putShort(e.epoch()).putInt(e.lastSequence()).putLong(e.lastOffset())
                    .putInt(e.offsetDelta()).putLong(e.timestampMs()).putInt(e.coordinatorEpoch())
                    .putLong(e.currentTxnFirstOffset());
        }
        bytes.flip();
        bytes.putInt(CRC_OFFSET, (int) crcOf(bytes));
        Path target = SegmentFiles.snapshot(dir, offset);
        Path tmp = SegmentFiles.withSuffix(target, ".tmp");
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    /** Reads and checks a snapshot file. */
    static List<Entry> read(Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
        if (bytes.limit() < HEADER_BYTES) {
            throw new CorruptSnapshotException(file + ": " + bytes.limit() + " bytes, shorter than the header");
        }
        short version = bytes.getShort(0);
        if (version != VERSION) {
            throw new CorruptSnapshotException(file + ": version " + version);
        }
        long storedCrc = Integer.toUnsignedLong(bytes.getInt(CRC_OFFSET));
        if (storedCrc != crcOf(bytes)) {
            throw new CorruptSnapshotException(file + ": CRC mismatch");
        }
        int count = bytes.getInt(CRC_COVERS_FROM);
        if (count < 0 || (long) count * ENTRY_BYTES != bytes.limit() - HEADER_BYTES) {
            throw new CorruptSnapshotException(file + ": " + count + " entries do not fill " + bytes.limit() + " bytes");
        }
        List<Entry> entries = new ArrayList<>(count);
        for (int at = HEADER_BYTES; at < bytes.limit(); at += ENTRY_BYTES) {
            entries.add(new Entry(bytes.getLong(at), bytes.getShort(at + 8), bytes.getInt(at + 10), bytes.getLong(at + 14),
                    bytes.getInt(at + 22), bytes.getLong(at + 26), bytes.getInt(at + 34), bytes.getLong(at + 38)));
        }
        return entries;
    }

    /** @return the snapshot files of {@code dir} by offset */
    static TreeMap<Long, Path> list(Path dir) throws IOException {
        TreeMap<Long, Path> snapshots = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SegmentFiles.SNAPSHOT_SUFFIX)) {
            for (Path file : files) {
                long offset = SegmentFiles.offsetOfSnapshot(file.getFileName().toString());
                if (offset >= 0) {
                    snapshots.put(offset, file);
                }
            }
        }
        return snapshots;
    }

    private static long crcOf(ByteBuffer bytes) {
        CRC32C crc = new CRC32C();
        ByteBuffer covered = bytes.duplicate();
        covered.position(CRC_COVERS_FROM).limit(bytes.limit());
        crc.update(covered);
        return crc.getValue();
    }
}
