package io.samsa.protocol.types;

/**
 * Upper bounds a decoder enforces on top of "no more than the bytes remaining": the longest string,
 * the longest bytes/records field, the most elements in one array. The defaults only bound what a
 * frame already bounds; brokers configure tighter ones. Immutable.
 */
public record DecodeLimits(int maxStringBytes, int maxBytesLength, int maxArrayLength) {
    public static final DecodeLimits DEFAULT = new DecodeLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);

    public DecodeLimits {
        if (maxStringBytes < 0 || maxBytesLength < 0 || maxArrayLength < 0) {
            throw new IllegalArgumentException("limits must not be negative");
        }
    }
}
