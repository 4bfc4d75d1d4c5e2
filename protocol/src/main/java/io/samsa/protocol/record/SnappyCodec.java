package io.samsa.protocol.record;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import org.xerial.snappy.SnappyOutputStream;

/**
 * Snappy as Kafka clients write it. On write: snappy-java's xerial framing, which Kafka's Java
 * client uses:
 *
 * <pre>
 * 0x82 'S' 'N' 'A' 'P' 'P' 'Y' 0x00   magic, 8 bytes
 * int32 version (1), int32 minimum compatible version (1)
 * [int32 compressedLength, raw snappy block of up to 32 KiB input]*
 * </pre>
 *
 * On read: that framing, or one raw snappy block without any framing, which librdkafka writes.
 * Reading is done by {@link SnappyBlocksInputStream} rather than snappy-java's stream, so every
 * chunk length and claimed uncompressed size is checked before anything is allocated.
 * Stateless and thread-safe.
 */
final class SnappyCodec implements CompressionCodec {

    @Override
    public OutputStream compressTo(OutputStream out) throws IOException {
        return new SnappyOutputStream(out);
    }

    @Override
    public InputStream decompress(ByteBuffer compressed) {
        ByteBuffer source = compressed;
        if (!compressed.hasArray()) {
            byte[] copy = new byte[compressed.remaining()];
            compressed.get(compressed.position(), copy);
            source = ByteBuffer.wrap(copy);
        }
        return new SnappyBlocksInputStream(source.array(), source.arrayOffset() + source.position(),
                source.remaining());
    }
}
