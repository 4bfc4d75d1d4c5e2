package io.samsa.coordinator.transaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.samsa.coordinator.offsets.TopicPartition;
import io.samsa.coordinator.records.SerializedRecord;
import io.samsa.protocol.message.TransactionLogValue;
import io.samsa.protocol.types.ByteBufferWritable;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Kafka's TransactionLog key/value layout, written and read back. */
class TransactionLogCodecTest {
    private static final TransactionMetadata METADATA = new TransactionMetadata("id-1", 42, 41, -1, (short) 7, (short) 6, 60_000,
            TransactionState.ONGOING, Set.of(new TopicPartition("a", 0), new TopicPartition("a", 2), new TopicPartition("b", 1)),
            1_000, 2_000, (short) 1);

    @Test
    void aRecordRoundTripsExceptTheInMemoryLastEpoch() {
        SerializedRecord bytes = TransactionLogCodec.INSTANCE.serialize(TransactionRecord.of(METADATA));
        TransactionRecord read = TransactionLogCodec.INSTANCE.deserialize(ByteBuffer.wrap(bytes.key()), ByteBuffer.wrap(bytes.value()));
        TransactionMetadata expected = new TransactionMetadata("id-1", 42, 41, -1, (short) 7, (short) -1, 60_000,
                TransactionState.ONGOING, METADATA.partitions(), 1_000, 2_000, (short) 1);
        assertEquals(expected, read.metadata());
    }

    @Test
    void theKeyIsVersionZeroThenTheIdAsAKafkaString() {
        byte[] key = TransactionLogCodec.INSTANCE.serialize(TransactionRecord.of(METADATA)).key();
        ByteBuffer buffer = ByteBuffer.wrap(key);
        assertEquals(0, buffer.getShort());
        assertEquals(4, buffer.getShort());
        assertEquals("id-1", new String(key, 4, 4, java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(8, key.length);
    }

    @Test
    void aVersionZeroValueIsRead() {
        TransactionLogValue value = new TransactionLogValue().setProducerId(9).setProducerEpoch((short) 2).setTransactionTimeoutMs(100)
                .setTransactionStatus(TransactionState.COMPLETE_ABORT.id()).setTransactionPartitions(List.of())
                .setTransactionLastUpdateTimestampMs(5).setTransactionStartTimestampMs(4);
        ByteBuffer buffer = ByteBuffer.allocate(2 + value.size((short) 0));
        buffer.putShort((short) 0);
        value.write(new ByteBufferWritable(buffer), (short) 0);
        buffer.flip();
        byte[] key = TransactionLogCodec.INSTANCE.serialize(TransactionRecord.tombstone("old")).key();
        TransactionMetadata read = TransactionLogCodec.INSTANCE.deserialize(ByteBuffer.wrap(key), buffer).metadata();
        assertEquals(TransactionState.COMPLETE_ABORT, read.state());
        assertEquals(9, read.producerId());
        assertEquals(-1, read.previousProducerId(), "tagged field default");
        assertEquals(0, read.clientTransactionVersion());
    }

    @Test
    void aTombstoneHasANullValueAndAnUnknownKeyVersionIsSkipped() {
        SerializedRecord tombstone = TransactionLogCodec.INSTANCE.serialize(TransactionRecord.tombstone("gone"));
        assertNull(tombstone.value());
        assertNull(TransactionLogCodec.INSTANCE.deserialize(ByteBuffer.wrap(tombstone.key()), null).metadata());
        ByteBuffer otherKind = ByteBuffer.allocate(4).putShort((short) 1).putShort((short) 0).flip();
        assertNull(TransactionLogCodec.INSTANCE.deserialize(otherKind, null));
    }
}
