package io.samsa.metadata.quorum;

import io.samsa.metadata.image.ImageRecords;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.metadata.records.proto.MetadataRecord;
import io.samsa.metadata.records.proto.MetadataSnapshotHeader;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A metadata image on disk: a length-delimited {@link MetadataSnapshotHeader}, then the image's
 * records ({@link ImageRecords}), each length-delimited. Written to a temporary file and moved
 * into place, so a crash leaves the old snapshot or the new one, never half of one.
 *
 * <pre>
 *   varint len | MetadataSnapshotHeader (offset, version, last_broker_epoch, record_count)
 *   varint len | MetadataRecord          \
 *   ...                                   } record_count times
 *   varint len | MetadataRecord          /
 * </pre>
 *
 * Stateless.
 */
public final class SnapshotFile {
    private static final int BUFFER_BYTES = 64 * 1024;

    private SnapshotFile() {
    }

    /** Writes {@code image} to {@code file} atomically. @return the file's size in bytes */
    public static long write(MetadataImage image, Path file) throws IOException {
        List<MetadataRecord> records = ImageRecords.toRecords(image);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), BUFFER_BYTES)) {
            MetadataSnapshotHeader.newBuilder().setOffset(image.offset()).setVersion(image.version())
                    .setLastBrokerEpoch(image.lastBrokerEpoch()).setRecordCount(records.size()).build()
                    .writeDelimitedTo(out);
            for (MetadataRecord record : records) {
                record.writeDelimitedTo(out);
            }
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return Files.size(file);
    }

    /** @return the image stored in {@code file} */
    public static MetadataImage read(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES)) {
            MetadataSnapshotHeader header = MetadataSnapshotHeader.parseDelimitedFrom(in);
            if (header == null) {
                throw new IOException("empty snapshot file " + file);
            }
            List<MetadataRecord> records = new ArrayList<>((int) Math.min(header.getRecordCount(), 1 << 20));
            for (long i = 0; i < header.getRecordCount(); i++) {
                MetadataRecord record = MetadataRecord.parseDelimitedFrom(in);
                if (record == null) {
                    throw new IOException("snapshot file " + file + " ends after " + i + " of "
                            + header.getRecordCount() + " records");
                }
                records.add(record);
            }
            return ImageRecords.read(records, header.getOffset(), header.getVersion(), header.getLastBrokerEpoch());
        } catch (IllegalStateException e) {
            throw new IOException("snapshot file " + file + " does not replay: " + e.getMessage(), e);
        }
    }
}
