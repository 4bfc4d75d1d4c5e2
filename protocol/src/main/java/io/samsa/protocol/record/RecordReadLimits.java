package io.samsa.protocol.record;

/**
 * Bounds applied while reading records, so that a hostile or corrupt compressed batch cannot make a
 * reader allocate or inflate without limit. An uncompressed batch is already bounded by its own
 * length; these bounds matter for compressed batches, whose records are only known after
 * decompression.
 *
 * <p>Immutable, so thread-safe.
 *
 * @param maxRecordBytes         the largest single record body accepted after decompression
 * @param maxDecompressedBytes   the most bytes one compressed batch may inflate to
 */
public record RecordReadLimits(int maxRecordBytes, long maxDecompressedBytes) {
    /** 64 MiB: far above a normal record, far below what would hurt a broker's heap. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 64 * 1024 * 1024;
    /**
     * 256 MiB: a 1 MiB batch (Kafka's default message.max.bytes) at a generous 256:1 ratio; a batch
     * that inflates further is treated as a decompression bomb.
     */
    public static final long DEFAULT_MAX_DECOMPRESSED_BYTES = 256L * 1024 * 1024;

    public static final RecordReadLimits DEFAULT =
            new RecordReadLimits(DEFAULT_MAX_RECORD_BYTES, DEFAULT_MAX_DECOMPRESSED_BYTES);

    public RecordReadLimits {
        if (maxRecordBytes <= 0 || maxDecompressedBytes <= 0) {
            throw new IllegalArgumentException("limits must be positive: maxRecordBytes=" + maxRecordBytes
                    + ", maxDecompressedBytes=" + maxDecompressedBytes);
        }
    }
}
