package io.samsa.protocol.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.apache.kafka.common.utils.ByteUtils;
import org.junit.jupiter.api.Test;

/** Zigzag varints, checked byte for byte against kafka-clients' ByteUtils. */
class RecordVarintsTest {

    @Test
    void varintsMatchKafkaByteForByte() throws IOException {
        Random random = new Random(3);
        int[] edges = {0, 1, -1, 63, -64, 64, -65, 8191, -8192, Integer.MAX_VALUE, Integer.MIN_VALUE};
        for (int i = 0; i < 20_000; i++) {
            int value = i < edges.length ? edges[i] : random.nextInt() >> random.nextInt(32);
            ByteBuffer kafka = ByteBuffer.allocate(5);
            ByteUtils.writeVarint(value, kafka);
            kafka.flip();
            byte[] ours = new byte[5];
            int end = RecordVarints.writeVarint(value, ours, 0);
            assertEquals(kafka, ByteBuffer.wrap(ours, 0, end), "encoding of " + value);
            assertEquals(ByteUtils.sizeOfVarint(value), RecordVarints.sizeOfVarint(value), "size of " + value);
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            RecordVarints.writeVarint(value, stream);
            assertEquals(kafka, ByteBuffer.wrap(stream.toByteArray()));
            assertEquals(value, RecordVarints.readVarint(ByteBuffer.wrap(ours, 0, end)));
            assertEquals(value, RecordVarints.readVarint(new ByteArrayInputStream(ours, 0, end)));
        }
    }

    @Test
    void varlongsMatchKafkaByteForByte() {
        Random random = new Random(4);
        long[] edges = {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 62, -(1L << 62)};
        for (int i = 0; i < 20_000; i++) {
            long value = i < edges.length ? edges[i] : random.nextLong() >> random.nextInt(64);
            ByteBuffer kafka = ByteBuffer.allocate(10);
            ByteUtils.writeVarlong(value, kafka);
            kafka.flip();
            byte[] ours = new byte[10];
            int end = RecordVarints.writeVarlong(value, ours, 0);
            assertEquals(kafka, ByteBuffer.wrap(ours, 0, end), "encoding of " + value);
            assertEquals(ByteUtils.sizeOfVarlong(value), RecordVarints.sizeOfVarlong(value), "size of " + value);
            assertEquals(value, RecordVarints.readVarlong(ByteBuffer.wrap(ours, 0, end)));
        }
    }

    @Test
    void overlongAndTruncatedEncodingsAreCorrupt() {
        byte[] continuing = new byte[11];
        Arrays.fill(continuing, (byte) 0x80);
        assertThrows(CorruptRecordException.class, () -> RecordVarints.readVarint(ByteBuffer.wrap(continuing)));
        assertThrows(CorruptRecordException.class, () -> RecordVarints.readVarlong(ByteBuffer.wrap(continuing)));
        assertThrows(CorruptRecordException.class,
                () -> RecordVarints.readVarint(new ByteArrayInputStream(continuing)));
        ByteBuffer truncated = ByteBuffer.wrap(new byte[] {(byte) 0x80, (byte) 0x80});
        assertThrows(CorruptRecordException.class, () -> RecordVarints.readVarint(truncated));
        assertFalse(truncated.hasRemaining(), "reading stops at the limit");
        assertThrows(CorruptRecordException.class, () -> RecordVarints.readVarlong(ByteBuffer.allocate(0)));
        assertThrows(CorruptRecordException.class,
                () -> RecordVarints.readVarint(new ByteArrayInputStream(new byte[] {(byte) 0xff})));
    }
}
