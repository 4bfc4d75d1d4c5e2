package io.samsa.broker.data.fetch;

import io.samsa.protocol.record.CompressionType;
import io.samsa.protocol.record.RecordBatch;
import io.samsa.storage.FileSlice;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Whether a slice of the log holds a zstd batch: Fetch below v10 cannot carry one (Kafka answers
 * UNSUPPORTED_COMPRESSION_TYPE). Reads only each batch's first bytes (length and attributes), by
 * position, without touching the records.
 *
 * <p>Stateless and thread-safe.
 */
final class ZstdScan {
    /** The first Fetch version that may carry zstd (KIP-110). */
    static final short FIRST_ZSTD_FETCH_VERSION = 10;
    private static final int HEADER_BYTES = RecordBatch.ATTRIBUTES_OFFSET + 2;

    private ZstdScan() {
    }

    static boolean containsZstd(FileSlice slice) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        long position = 0;
        while (position + HEADER_BYTES <= slice.sizeInBytes()) {
            header.clear();
            while (header.hasRemaining()) {
                if (slice.channel().read(header, slice.position() + position + header.position()) < 0) {
                    return false;
                }
            }
            int attributes = header.getShort(RecordBatch.ATTRIBUTES_OFFSET);
            if ((attributes & RecordBatch.COMPRESSION_CODEC_MASK) == CompressionType.ZSTD.id()) {
                return true;
            }
            position += (long) header.getInt(RecordBatch.BATCH_LENGTH_OFFSET) + RecordBatch.LOG_OVERHEAD;
        }
        return false;
    }
}
