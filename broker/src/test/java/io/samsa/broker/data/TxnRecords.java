package io.samsa.broker.data;

import io.samsa.broker.Broker;
import io.samsa.broker.storage.StorageComponent;
import io.samsa.protocol.record.CompressionType;
import io.samsa.protocol.record.ControlRecordType;
import io.samsa.protocol.record.EndTransactionMarker;
import io.samsa.protocol.record.MemoryRecords;
import io.samsa.protocol.record.RecordBatchBuilder;
import io.samsa.storage.PartitionLog;
import io.samsa.storage.TopicPartition;
import java.nio.charset.StandardCharsets;

/**
 * Test fixture: transactional batches and COMMIT/ABORT markers as the transaction coordinator's
 * WriteTxnMarkers would append them, and a broker's partition log to append them to.
 */
public final class TxnRecords {
    private TxnRecords() {
    }

    /** A transactional batch of {@code producerId} at sequence 0, one record per value. */
    public static MemoryRecords txn(long producerId, short epoch, long timestampMs, String... values) {
        RecordBatchBuilder builder = RecordBatchBuilder.create(CompressionType.NONE).producer(producerId, epoch, 0)
                .transactional(true);
        return withValues(builder, timestampMs, values);
    }

    /** A batch without producer fields. */
    public static MemoryRecords plain(long timestampMs, String... values) {
        return withValues(RecordBatchBuilder.create(CompressionType.NONE), timestampMs, values);
    }

    /** A marker batch ending {@code producerId}'s transaction. */
    public static MemoryRecords marker(long producerId, short epoch, ControlRecordType type, int coordinatorEpoch,
                                       long timestampMs) {
        return new MemoryRecords(RecordBatchBuilder.endTransactionMarker(0, timestampMs, 0, producerId, epoch,
                new EndTransactionMarker(type, coordinatorEpoch)));
    }

    /** The log of partition 0 of {@code topic} on a started broker. */
    static PartitionLog log(Broker broker, String topic) {
        return broker.component(StorageComponent.class).orElseThrow().logs().getLog(new TopicPartition(topic, 0)).orElseThrow();
    }

    private static MemoryRecords withValues(RecordBatchBuilder builder, long timestampMs, String... values) {
        for (String value : values) {
            builder.append(timestampMs, null, value.getBytes(StandardCharsets.UTF_8));
        }
        return new MemoryRecords(builder.build());
    }
}
