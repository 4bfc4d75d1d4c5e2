package io.samsa.protocol.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.samsa.protocol.record.MemoryRecords;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ByteBufferWritableTest {

    private static byte[] written(ByteBufferWritable out) {
        ByteBuffer view = out.toByteBuffer();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }

    @Test
    void unsignedVarintsUseTheShortestForm() {
        int[] values = {0, 1, 127, 128, 16383, 16384, 2097151, 2097152, 268435455, 268435456, -1};
        for (int value : values) {
            ByteBufferWritable out = ByteBufferWritable.growable(1);
            out.writeUnsignedVarint(value);
            assertEquals(WireFormat.unsignedVarintSize(value), out.position(), "size of " + value);
            assertEquals(value, new ByteBufferReadable(out.toByteBuffer()).readUnsignedVarint());
        }
        assertEquals(5, WireFormat.unsignedVarintSize(-1));
        assertEquals(1, WireFormat.varintSize(-1));
        assertEquals(10, WireFormat.varlongSize(Long.MIN_VALUE));
    }

    @Test
    void stringsEncodeExactlyAsStringGetBytesAndMatchTheirMeasuredSize() {
        Random random = new Random(42);
        String[] samples = {"", "plain", "zé", "€uro", "😀", "a\ud800b", "\udc00", "x\ud83d"};
        for (int round = 0; round < 200 + samples.length; round++) {
            String value = round < samples.length ? samples[round] : randomString(random);
            byte[] expected = value.getBytes(StandardCharsets.UTF_8);
            assertEquals(expected.length, WireFormat.utf8Length(value), value);
            for (boolean compact : new boolean[] {false, true}) {
                ByteBufferWritable out = ByteBufferWritable.growable(4);
                out.writeStringField(value, compact);
                assertEquals(WireFormat.stringSize(value, compact), out.position());
                ByteBufferReadable in = new ByteBufferReadable(out.toByteBuffer());
                assertEquals(new String(expected, StandardCharsets.UTF_8), in.readStringField(compact, false));
            }
        }
    }

    private static String randomString(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(20);
        for (int i = 0; i < length; i++) {
            text.append((char) random.nextInt(random.nextBoolean() ? 0x80 : 0x10000));
        }
        return text.toString();
    }

    @Test
    void nullsUseTheClassicAndCompactMarkers() {
        ByteBufferWritable out = ByteBufferWritable.growable(16);
        out.writeNullableStringField(null, false);
        out.writeNullableStringField(null, true);
        out.writeNullableBytesField(null, false);
        out.writeNullableBytesField(null, true);
        out.writeNullArrayLength(false);
        out.writeNullArrayLength(true);
        assertArrayEquals(new byte[] {-1, -1, 0, -1, -1, -1, -1, 0, -1, -1, -1, -1, 0}, written(out));
    }

    @Test
    void aGrowableWriterGrowsAndBackPatches() {
        ByteBufferWritable out = ByteBufferWritable.growable(1);
        out.writeInt(0);
        for (int i = 0; i < 1000; i++) {
            out.writeLong(i);
        }
        out.putIntAt(0, out.position() - 4);
        ByteBufferReadable in = new ByteBufferReadable(out.toByteBuffer());
        assertEquals(8000, in.readInt());
        for (int i = 0; i < 1000; i++) {
            assertEquals(i, in.readLong());
        }
    }

    @Test
    void aFixedWriterDoesNotGrow() {
        ByteBufferWritable out = new ByteBufferWritable(ByteBuffer.allocate(3));
        assertThrows(BufferOverflowException.class, () -> out.writeInt(1));
    }

    @Test
    void memoryRecordsAreWrittenAsTheirBytesWithoutMovingTheSource() {
        ByteBuffer records = ByteBuffer.wrap(new byte[] {5, 6, 7});
        ByteBufferWritable out = ByteBufferWritable.growable(8);
        out.writeNullableRecordsField(new MemoryRecords(records), true);
        assertArrayEquals(new byte[] {4, 5, 6, 7}, written(out));
        assertEquals(0, records.position());
        assertEquals(4, WireFormat.nullableRecordsSize(new MemoryRecords(records), true));
    }

    @Test
    void classicStringsOverTheInt16LimitAreRefused() {
        String tooLong = "x".repeat(Short.MAX_VALUE + 1);
        ByteBufferWritable out = ByteBufferWritable.growable(16);
        assertThrows(IllegalArgumentException.class, () -> out.writeStringField(tooLong, false));
        out.writeStringField(tooLong, true);
        assertEquals(WireFormat.stringSize(tooLong, true), out.position());
    }

    @Test
    void rawTaggedFieldSectionsRoundTripForHeaders() {
        java.util.List<RawTaggedField> fields = java.util.List.of(new RawTaggedField(0, new byte[] {1}),
                new RawTaggedField(300, new byte[200]));
        ByteBufferWritable out = ByteBufferWritable.growable(4);
        out.writeRawTaggedFields(fields);
        out.writeRawTaggedFields(null);
        assertEquals(WireFormat.rawTaggedFieldSectionSize(fields) + 1, out.position());
        ByteBufferReadable in = new ByteBufferReadable(out.toByteBuffer());
        assertEquals(fields, in.readRawTaggedFields());
        assertEquals(null, in.readRawTaggedFields());
        assertEquals(0, in.remaining());
    }
}
