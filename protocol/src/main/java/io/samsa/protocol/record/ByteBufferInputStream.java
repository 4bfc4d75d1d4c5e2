package io.samsa.protocol.record;

import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * An input stream over a buffer's position..limit, read through a private duplicate so the caller's
 * buffer never moves. Not thread-safe.
 */
final class ByteBufferInputStream extends InputStream {
    private final ByteBuffer buffer;

    ByteBufferInputStream(ByteBuffer buffer) {
        this.buffer = buffer.duplicate();
    }

    @Override
    public int read() {
        return buffer.hasRemaining() ? buffer.get() & 0xff : -1;
    }

    @Override
    public int read(byte[] dest, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        if (!buffer.hasRemaining()) {
            return -1;
        }
        int count = Math.min(length, buffer.remaining());
        buffer.get(dest, offset, count);
        return count;
    }

    @Override
    public long skip(long n) {
        int count = (int) Math.max(0, Math.min(n, buffer.remaining()));
        buffer.position(buffer.position() + count);
        return count;
    }

    @Override
    public int available() {
        return buffer.remaining();
    }
}
