package io.samsa.protocol.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.samsa.protocol.ProtocolDecodeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ByteBufferReadableTest {

    private static ByteBufferReadable readable(int... bytes) {
        byte[] array = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            array[i] = (byte) bytes[i];
        }
        return new ByteBufferReadable(ByteBuffer.wrap(array));
    }

    @Test
    void unsignedVarintsDecodeAtEveryWidth() {
        assertEquals(0, readable(0x00).readUnsignedVarint());
        assertEquals(127, readable(0x7f).readUnsignedVarint());
        assertEquals(128, readable(0x80, 0x01).readUnsignedVarint());
        assertEquals(300, readable(0xac, 0x02).readUnsignedVarint());
        assertEquals(-1, readable(0xff, 0xff, 0xff, 0xff, 0x0f).readUnsignedVarint());
    }

    @Test
    void overlongOrOverflowingVarintsAreRejected() {
        assertThrows(ProtocolDecodeException.class, () -> readable(0xff, 0xff, 0xff, 0xff, 0xff, 0x01).readUnsignedVarint());
        assertThrows(ProtocolDecodeException.class, () -> readable(0xff, 0xff, 0xff, 0xff, 0x1f).readUnsignedVarint());
        assertThrows(ProtocolDecodeException.class, () -> readable(0x80, 0x80).readUnsignedVarint());
        assertThrows(ProtocolDecodeException.class,
                () -> readable(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01).readVarlong());
    }

    @Test
    void signedVarintsAndVarlongsRoundTripThroughTheWriter() {
        long[] longs = {0, 1, -1, 63, -64, 64, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE};
        ByteBufferWritable out = ByteBufferWritable.growable(8);
        for (long value : longs) {
            out.writeVarint((int) value);
            out.writeVarlong(value);
        }
        ByteBufferReadable in = new ByteBufferReadable(out.toByteBuffer());
        for (long value : longs) {
            assertEquals((int) value, in.readVarint());
            assertEquals(value, in.readVarlong());
        }
        assertEquals(0, in.remaining());
    }

    @Test
    void primitivesPastTheEndFailWithTheTypedException() {
        assertThrows(ProtocolDecodeException.class, () -> readable(1).readShort());
        assertThrows(ProtocolDecodeException.class, () -> readable(1, 2, 3).readInt());
        assertThrows(ProtocolDecodeException.class, () -> readable(1, 2, 3, 4, 5, 6, 7).readLong());
        assertThrows(ProtocolDecodeException.class, () -> readable(new int[15]).readUuid());
        assertThrows(ProtocolDecodeException.class, () -> readable().readByte());
    }

    @Test
    void classicAndCompactStringsDecodeAndNullNeedsNullability() {
        assertEquals("ab", readable(0, 2, 'a', 'b').readStringField(false, false));
        assertEquals("ab", readable(3, 'a', 'b').readStringField(true, false));
        assertEquals("", readable(1).readStringField(true, false));
        assertNull(readable(0xff, 0xff).readStringField(false, true));
        assertNull(readable(0).readStringField(true, true));
        assertThrows(ProtocolDecodeException.class, () -> readable(0xff, 0xff).readStringField(false, false));
        assertThrows(ProtocolDecodeException.class, () -> readable(0).readStringField(true, false));
        assertThrows(ProtocolDecodeException.class, () -> readable(0xff, 0xfe).readStringField(false, true));
    }

    @Test
    void multiByteUtf8DecodesFromHeapAndDirectBuffers() {
        byte[] utf8 = "zé€😀".getBytes(StandardCharsets.UTF_8);
        ByteBuffer direct = ByteBuffer.allocateDirect(utf8.length);
        direct.put(utf8).flip();
        assertEquals("zé€😀", new ByteBufferReadable(direct).readString(utf8.length));
        assertEquals("zé€😀", new ByteBufferReadable(ByteBuffer.wrap(utf8)).readString(utf8.length));
    }

    @Test
    void lengthsOverTheBytesRemainingAreRejectedBeforeAllocating() {
        assertThrows(ProtocolDecodeException.class, () -> readable(0, 5, 'a').readStringField(false, false));
        assertThrows(ProtocolDecodeException.class, () -> readable(0x7f, 0xff, 0xff, 0xff).readBytesField(false, false));
        assertThrows(ProtocolDecodeException.class, () -> readable(0xff, 0xff, 0xff, 0xff, 0x07).readBytesField(true, true));
        assertThrows(ProtocolDecodeException.class, () -> readable(0x7f, 0xff, 0xff, 0xff).readArrayLength(false, false));
        assertThrows(ProtocolDecodeException.class, () -> readable(0x05, 0, 0).readArrayLength(true, false));
        assertThrows(ProtocolDecodeException.class, () -> readable(0xff, 0xff, 0xff, 0xfe).readArrayLength(false, true));
        assertThrows(ProtocolDecodeException.class, () -> readable(0x10).readTaggedFieldCount());
        assertThrows(ProtocolDecodeException.class, () -> readable(0x02, 0x00).readTaggedFieldSize());
    }

    @Test
    void configuredMaximaAreEnforced() {
        ByteBuffer buffer = ByteBuffer.wrap(new byte[] {0, 0, 0, 3, 1, 2, 3});
        DecodeLimits limits = new DecodeLimits(2, 2, 2);
        assertThrows(ProtocolDecodeException.class,
                () -> new ByteBufferReadable(buffer.duplicate(), limits).readBytesField(false, false));
        assertThrows(ProtocolDecodeException.class,
                () -> new ByteBufferReadable(buffer.duplicate(), limits).readArrayLength(false, false));
        assertThrows(ProtocolDecodeException.class,
                () -> new ByteBufferReadable(ByteBuffer.wrap(new byte[] {0, 3, 'a', 'b', 'c'}), limits)
                        .readStringField(false, false));
        assertArrayEquals(new byte[] {1, 2, 3},
                new ByteBufferReadable(buffer.duplicate(), new DecodeLimits(3, 3, 3)).readBytesField(false, false));
    }

    @Test
    void slicesShareTheInputAndAdvanceIt() {
        ByteBuffer buffer = ByteBuffer.wrap(new byte[] {9, 1, 2, 3, 4});
        ByteBufferReadable in = new ByteBufferReadable(buffer);
        in.readByte();
        ByteBuffer slice = in.readSlice(3);
        assertEquals(3, slice.remaining());
        assertEquals(1, slice.get(0));
        buffer.put(1, (byte) 42);
        assertEquals(42, slice.get(0), "a view, not a copy");
        assertEquals(1, in.remaining());
    }

    @Test
    void structPresenceMarkers() {
        assertEquals(true, readable(1).readStructPresence(true));
        assertEquals(false, readable(0xff).readStructPresence(true));
        assertThrows(ProtocolDecodeException.class, () -> readable(0xff).readStructPresence(false));
        assertThrows(ProtocolDecodeException.class, () -> readable(2).readStructPresence(true));
    }
}
