package io.samsa.protocol.record;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** GZIP (RFC 1952) via java.util.zip, as Kafka writes it. Stateless and thread-safe. */
final class GzipCodec implements CompressionCodec {
    private static final int BUFFER_BYTES = 8 * 1024;

    @Override
    public OutputStream compressTo(OutputStream out) throws IOException {
        return new BufferedOutputStream(new GZIPOutputStream(out, BUFFER_BYTES), 2 * BUFFER_BYTES);
    }

    @Override
    public InputStream decompress(ByteBuffer compressed) throws IOException {
        return new GZIPInputStream(new ByteBufferInputStream(compressed), BUFFER_BYTES);
    }
}
