package io.samsa.protocol.record;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;
import net.jpountz.lz4.LZ4FrameOutputStream.BLOCKSIZE;
import net.jpountz.lz4.LZ4FrameOutputStream.FLG;
import net.jpountz.xxhash.XXHashFactory;

/**
 * The standard LZ4 frame format, written as Kafka's Java client writes it: 64 KiB blocks, block
 * independence set, no block or content checksum, no content size, the fast compressor (Kafka's
 * default level). The reader accepts any standard frame (checksums, content size, larger blocks),
 * which covers librdkafka. Stateless and thread-safe.
 */
final class Lz4Codec implements CompressionCodec {
    // the factories are looked up per stream (lz4-java caches them) rather than in static fields, so
    // that merely touching CompressionType does not load LZ4's native code

    @Override
    public OutputStream compressTo(OutputStream out) throws IOException {
        LZ4FrameOutputStream frame = new LZ4FrameOutputStream(out, BLOCKSIZE.SIZE_64KB, -1L,
                LZ4Factory.fastestInstance().fastCompressor(),
                XXHashFactory.fastestInstance().hash32(), FLG.Bits.BLOCK_INDEPENDENCE);
        return new BufferedOutputStream(frame, 16 * 1024);
    }

    @Override
    public InputStream decompress(ByteBuffer compressed) throws IOException {
        return new LZ4FrameInputStream(new ByteBufferInputStream(compressed),
                LZ4Factory.fastestInstance().safeDecompressor(), XXHashFactory.fastestInstance().hash32());
    }
}
