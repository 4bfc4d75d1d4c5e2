package io.samsa.protocol.record;

import com.github.luben.zstd.RecyclingBufferPool;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * Zstandard frames via zstd-jni's streaming API at Kafka's default level 3. The NoFinalizer
 * streams hold native memory until closed, so every stream this returns must be closed (the record
 * iterators do so when they end or fail). Stateless and thread-safe.
 */
final class ZstdCodec implements CompressionCodec {
    static final int DEFAULT_LEVEL = 3;
    private static final int BUFFER_BYTES = 16 * 1024;

    @Override
    public OutputStream compressTo(OutputStream out) throws IOException {
        // buffered because records arrive in many small writes and each native call has a fixed cost
        return new BufferedOutputStream(
                new ZstdOutputStreamNoFinalizer(out, RecyclingBufferPool.INSTANCE, DEFAULT_LEVEL), BUFFER_BYTES);
    }

    @Override
    public InputStream decompress(ByteBuffer compressed) throws IOException {
        return new ZstdInputStreamNoFinalizer(new ByteBufferInputStream(compressed), RecyclingBufferPool.INSTANCE);
    }
}
