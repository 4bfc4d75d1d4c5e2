package io.samsa.protocol.record;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * An unsynchronised byte-array output stream whose array the owner may read and patch in place
 * (the batch builder fills the header after the records are written). Not thread-safe.
 */
final class GrowableByteArrayOutputStream extends OutputStream {
    private byte[] array;
    private int size;

    GrowableByteArrayOutputStream(int initialCapacityBytes) {
        this.array = new byte[Math.max(16, initialCapacityBytes)];
    }

    @Override
    public void write(int b) {
        ensureCapacity(size + 1);
        array[size++] = (byte) b;
    }

    @Override
    public void write(byte[] source, int offset, int length) {
        ensureCapacity(size + length);
        System.arraycopy(source, offset, array, size, length);
        size += length;
    }

    /** Copies the buffer's position..limit without moving it. */
    void write(ByteBuffer source) {
        int length = source.remaining();
        ensureCapacity(size + length);
        source.get(source.position(), array, size, length);
        size += length;
    }

    int size() {
        return size;
    }

    byte[] array() {
        return array;
    }

    private void ensureCapacity(int needed) {
        if (needed < 0) {
            throw new IllegalStateException("batch over 2 GiB");
        }
        if (needed > array.length) {
            array = Arrays.copyOf(array, Math.max(needed, array.length + (array.length >> 1)));
        }
    }
}
