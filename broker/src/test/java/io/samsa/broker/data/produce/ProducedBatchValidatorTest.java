package io.samsa.broker.data.produce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.broker.data.produce.ProducedBatchValidator.RejectedBatchException;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.record.CompressionType;
import io.samsa.protocol.record.RecordBatch;
import io.samsa.protocol.record.RecordBatchBuilder;
import io.samsa.storage.LogConfig;
import io.samsa.storage.TopicPartition;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-record checks at their exact bounds, on a fixed clock. */
class ProducedBatchValidatorTest {
    private static final long NOW_MS = 1_700_000_000_000L;
    private static final short VERSION = 9;
    private static final byte[] KEY = "k".getBytes(StandardCharsets.UTF_8);

    @Test
    void timestampBoundsAreInclusiveAndCheckedPerRecord() {
        LogConfig config = LogConfig.fromMap(Map.of("message.timestamp.before.max.ms", "1000"));
        validate(config, records(NOW_MS - 1000, NOW_MS + 3_600_000L));
        RejectedBatchException refused = assertThrows(RejectedBatchException.class,
                () -> validate(config, records(NOW_MS - 1001, NOW_MS, NOW_MS + 3_600_001L)));
        assertEquals(ErrorCode.INVALID_TIMESTAMP, refused.error());
        assertEquals(List.of(0, 2), refused.recordErrors().stream().map(RecordError::batchIndex).toList());
        assertEquals("Timestamp " + (NOW_MS + 3_600_001L) + " of message with offset 2 is out of range. The timestamp "
                + "should be within [" + (NOW_MS - 1000) + ", " + (NOW_MS + 3_600_000L) + "]", refused.recordErrors().get(1).message());
        validate(config, records(RecordBatch.NO_TIMESTAMP));
    }

    @Test
    void aTimestampErrorWinsOverKeyErrorsAndEachRecordGetsItsFirstError() {
        LogConfig compacted = LogConfig.fromMap(Map.of("cleanup.policy", "compact"));
        ByteBuffer batch = RecordBatchBuilder.create(CompressionType.NONE).append(Long.MAX_VALUE, null, KEY)
                .append(Long.MAX_VALUE, KEY, KEY).build();
        RejectedBatchException refused = assertThrows(RejectedBatchException.class, () -> validate(compacted, batch));
        assertEquals(ErrorCode.INVALID_TIMESTAMP, refused.error(), "any timestamp error makes the batch INVALID_TIMESTAMP");
        assertEquals(ErrorCode.INVALID_RECORD, refused.recordErrors().get(0).error(), "the key is checked first");
        assertEquals(ErrorCode.INVALID_TIMESTAMP, refused.recordErrors().get(1).error());
    }

    @Test
    void aClientsLogAppendTimeBatchIsRefusedAndLogAppendTimeTopicsHaveNoBounds() {
        LogConfig appendTime = LogConfig.fromMap(Map.of("message.timestamp.type", "LogAppendTime"));
        validate(appendTime, records(Long.MAX_VALUE, Long.MIN_VALUE));
        ByteBuffer clientStamped = RecordBatchBuilder.create(CompressionType.NONE).logAppendTime(NOW_MS).append(NOW_MS, KEY, KEY).build();
        RejectedBatchException refused = assertThrows(RejectedBatchException.class, () -> validate(appendTime, clientStamped));
        assertEquals(ErrorCode.INVALID_TIMESTAMP, refused.error());
        assertTrue(refused.recordErrors().get(0).message().endsWith(". Producer should not set timestamp type to LogAppendTime."),
                refused.recordErrors().get(0).message());
    }

    @Test
    void aBatchMaxTimestampOutOfBoundsIsRefusedEvenWhenTheRecordsAreNot() {
        ByteBuffer batch = records(NOW_MS);
        batch.putLong(batch.position() + RecordBatch.MAX_TIMESTAMP_OFFSET, Long.MAX_VALUE);
        batch.putInt(batch.position() + RecordBatch.CRC_OFFSET, (int) new RecordBatch(batch, batch.position()).computeChecksum());
        RejectedBatchException refused = assertThrows(RejectedBatchException.class, () -> validate(LogConfig.DEFAULT, batch));
        assertEquals(ErrorCode.INVALID_TIMESTAMP, refused.error());
        assertTrue(refused.recordErrors().isEmpty());
    }

    @Test
    void aProducerIdWithoutASequenceAndControlBatchesAreInvalidRecordInKafkasWording() {
        ByteBuffer noSequence = RecordBatchBuilder.create(CompressionType.NONE).producer(42, (short) 0, -1).append(NOW_MS, KEY, KEY).build();
        RejectedBatchException refused = assertThrows(RejectedBatchException.class, () -> validate(LogConfig.DEFAULT, noSequence));
        assertEquals(ErrorCode.INVALID_RECORD, refused.error());
        assertEquals("Invalid sequence number -1 in record batch with producerId 42 in topic partition t-0", refused.getMessage());
        ByteBuffer control = RecordBatchBuilder.endTransactionMarker(0, NOW_MS, 0, 42, (short) 0,
                new io.samsa.protocol.record.EndTransactionMarker(io.samsa.protocol.record.ControlRecordType.COMMIT, 0));
        assertEquals("Clients are not allowed to write control records in topic partition t-0",
                assertThrows(RejectedBatchException.class, () -> validate(LogConfig.DEFAULT, control)).getMessage());
    }

    private static void validate(LogConfig config, ByteBuffer batch) {
        ProducedBatchValidator.validate(batch, VERSION, config, new TopicPartition("t", 0), NOW_MS);
    }

    private static ByteBuffer records(long... timestampsMs) {
        RecordBatchBuilder builder = RecordBatchBuilder.create(CompressionType.NONE);
        for (long timestampMs : timestampsMs) {
            builder.append(timestampMs, KEY, KEY);
        }
        return builder.build();
    }
}
