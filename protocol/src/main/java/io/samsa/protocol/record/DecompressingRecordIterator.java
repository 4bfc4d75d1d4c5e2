package io.samsa.protocol.record;

import io.samsa.protocol.record.CorruptRecordException.Reason;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Records of a compressed batch, decompressed as a stream one record at a time: each record's
 * body is read into its own array (which its {@link Record} then views), so memory stays at one
 * record plus the codec's window. Every length is checked against {@link RecordReadLimits}, and
 * bytes are allocated as they actually arrive, so a lying length cannot force a large allocation.
 *
 * <p>Not thread-safe. The stream is closed at the end of iteration, on the first error, or by
 * {@link #close()}.
 */
final class DecompressingRecordIterator extends CountedRecordIterator {
    /** Records up to this size get their array at once; larger ones grow as bytes arrive. */
    private static final int EAGER_ALLOCATION_BYTES = 1 << 20;
    private static final int READ_BUFFER_BYTES = 16 * 1024;

    private final RecordParser parser;
    private final RecordReadLimits limits;
    private InputStream in;
    private long decompressedBytes;

    DecompressingRecordIterator(RecordBatch batch, CompressionType compression, RecordReadLimits limits) {
        super(batch.recordsCount());
        this.parser = new RecordParser(batch);
        this.limits = limits;
        int recordsStart = batch.start() + RecordBatch.RECORDS_OFFSET;
        int end = batch.recordsEnd();
        if (recordsCount < 0) {
            throw new CorruptRecordException(Reason.INVALID_RECORDS_COUNT, "negative recordsCount " + recordsCount);
        }
        if (recordsCount == 0) {
            // an emptied batch (compaction) is not decompressed at all, as Kafka does not
            return;
        }
        ByteBuffer compressed = batch.buffer().duplicate();
        compressed.limit(end).position(recordsStart);
        try {
            this.in = new BufferedInputStream(compression.codec().decompress(compressed), READ_BUFFER_BYTES);
        } catch (IOException | RuntimeException e) {
            throw decompressionFailed(e);
        }
    }

    @Override
    Record readNext() {
        if (in == null) {
            throw new IllegalStateException("iterator was closed");
        }
        try {
            int bodyLength = RecordVarints.readVarint(in);
            if (bodyLength < RecordParser.MIN_RECORD_BODY_BYTES || bodyLength > limits.maxRecordBytes()) {
                throw RecordParser.invalid("record length " + bodyLength + " outside ["
                        + RecordParser.MIN_RECORD_BODY_BYTES + ", " + limits.maxRecordBytes() + "]");
            }
            int sizeInBytes = RecordVarints.sizeOfVarint(bodyLength) + bodyLength;
            countDecompressed(sizeInBytes);
            return parser.readBody(ByteBuffer.wrap(readBody(bodyLength)), 0, bodyLength, sizeInBytes);
        } catch (CorruptRecordException e) {
            close();
            throw e;
        } catch (IOException | RuntimeException e) {
            close();
            throw decompressionFailed(e);
        }
    }

    private byte[] readBody(int bodyLength) throws IOException {
        byte[] body = new byte[Math.min(bodyLength, EAGER_ALLOCATION_BYTES)];
        int filled = 0;
        while (filled < bodyLength) {
            if (filled == body.length) {
                body = Arrays.copyOf(body, (int) Math.min(bodyLength, 2L * body.length));
            }
            int count = in.read(body, filled, body.length - filled);
            if (count < 0) {
                throw RecordParser.invalid("compressed records end inside a record (" + filled + " of "
                        + bodyLength + " bytes)");
            }
            filled += count;
        }
        return body;
    }

    private void countDecompressed(int bytes) {
        decompressedBytes += bytes;
        if (decompressedBytes > limits.maxDecompressedBytes()) {
            throw new CorruptRecordException(Reason.DECOMPRESSION_FAILED,
                    "batch inflates past " + limits.maxDecompressedBytes() + " bytes");
        }
    }

    /** After the last record: the stream must be at its end, then it is released. */
    @Override
    void afterLastRecord() {
        try {
            if (in.read() >= 0) {
                throw new CorruptRecordException(Reason.INVALID_RECORDS_COUNT,
                        "compressed bytes left after the batch's " + recordsCount + " records");
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e instanceof CorruptRecordException c ? c : decompressionFailed(e);
        }
        close();
    }

    private static CorruptRecordException decompressionFailed(Exception cause) {
        return new CorruptRecordException(Reason.DECOMPRESSION_FAILED, "cannot decompress records: " + cause, cause);
    }

    @Override
    public void close() {
        InputStream stream = in;
        in = null;
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException | RuntimeException ignored) {
                // nothing more to release
            }
        }
    }
}
