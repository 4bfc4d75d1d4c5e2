package io.samsa.protocol.record;

import java.io.IOException;
import java.io.InputStream;
import org.xerial.snappy.Snappy;

/**
 * Decompresses snappy data held in an array, one block at a time: either xerial-framed chunks (see
 * {@link SnappyCodec}) or a single raw block. Each block's claimed uncompressed size is checked
 * against what snappy can possibly produce from its input (a snappy copy element yields at most 64
 * bytes from 2-5 input bytes, so no block inflates more than ~32x) before the output is allocated.
 *
 * <p>Not thread-safe.
 */
final class SnappyBlocksInputStream extends InputStream {
    static final byte[] XERIAL_MAGIC = {(byte) 0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0};
    /** Magic plus the two int32 version fields. */
    static final int XERIAL_HEADER_BYTES = XERIAL_MAGIC.length + 8;
    private static final int MAX_INFLATION_RATIO = 32;

    private final byte[] source;
    private final int end;
    private final boolean framed;
    private int sourceIndex;
    private byte[] block = new byte[0];
    private int blockIndex;
    private int blockLength;

    SnappyBlocksInputStream(byte[] source, int offset, int length) {
        this.source = source;
        this.sourceIndex = offset;
        this.end = offset + length;
        this.framed = hasXerialHeader(offset);
    }

    @Override
    public int read() throws IOException {
        if (blockIndex == blockLength && !nextBlock()) {
            return -1;
        }
        return block[blockIndex++] & 0xff;
    }

    @Override
    public int read(byte[] dest, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (blockIndex == blockLength && !nextBlock()) {
            return -1;
        }
        int count = Math.min(length, blockLength - blockIndex);
        System.arraycopy(block, blockIndex, dest, offset, count);
        blockIndex += count;
        return count;
    }

    /** Loads the next non-empty block; false at the end of the input. */
    private boolean nextBlock() throws IOException {
        while (sourceIndex < end) {
            int compressedLength;
            if (framed) {
                // snappy-java also accepts several framed streams back to back
                while (hasXerialHeader(sourceIndex)) {
                    sourceIndex += XERIAL_HEADER_BYTES;
                }
                if (sourceIndex == end) {
                    return false;
                }
                if (end - sourceIndex < 4) {
                    throw new IOException("snappy chunk length truncated");
                }
                compressedLength = readInt(sourceIndex);
                sourceIndex += 4;
                if (compressedLength < 0 || compressedLength > end - sourceIndex) {
                    throw new IOException("snappy chunk length " + compressedLength + " with "
                            + (end - sourceIndex) + " bytes left");
                }
            } else {
                compressedLength = end - sourceIndex;
            }
            inflate(sourceIndex, compressedLength);
            sourceIndex += compressedLength;
            if (blockLength > 0) {
                return true;
            }
        }
        return false;
    }

    private void inflate(int offset, int length) throws IOException {
        int uncompressedLength = Snappy.uncompressedLength(source, offset, length);
        if (uncompressedLength < 0 || (long) uncompressedLength > (long) length * MAX_INFLATION_RATIO + 64) {
            throw new IOException("snappy block of " + length + " bytes claims " + uncompressedLength + " bytes");
        }
        if (block.length < uncompressedLength) {
            block = new byte[uncompressedLength];
        }
        int produced = Snappy.uncompress(source, offset, length, block, 0);
        if (produced != uncompressedLength) {
            throw new IOException("snappy block produced " + produced + " of " + uncompressedLength + " bytes");
        }
        blockIndex = 0;
        blockLength = produced;
    }

    private boolean hasXerialHeader(int index) {
        if (end - index < XERIAL_HEADER_BYTES) {
            return false;
        }
        for (int i = 0; i < XERIAL_MAGIC.length; i++) {
            if (source[index + i] != XERIAL_MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private int readInt(int index) {
        return (source[index] & 0xff) << 24 | (source[index + 1] & 0xff) << 16
                | (source[index + 2] & 0xff) << 8 | (source[index + 3] & 0xff);
    }
}
