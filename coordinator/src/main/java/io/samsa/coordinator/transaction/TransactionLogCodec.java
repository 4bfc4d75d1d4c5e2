package io.samsa.coordinator.transaction;

import io.samsa.coordinator.offsets.TopicPartition;
import io.samsa.coordinator.records.SerializedRecord;
import io.samsa.coordinator.runtime.CoordinatorRecordCodec;
import io.samsa.protocol.message.TransactionLogKey;
import io.samsa.protocol.message.TransactionLogValue;
import io.samsa.protocol.message.TransactionLogValue.PartitionsSchema;
import io.samsa.protocol.types.ByteBufferReadable;
import io.samsa.protocol.types.ByteBufferWritable;
import io.samsa.protocol.types.DecodeLimits;
import io.samsa.protocol.types.Message;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code __transaction_state} records in Kafka's format, so Kafka's tools read them and a log
 * written by one can be loaded by the other:
 * <pre>
 *   key   = int16 version (0) | TransactionLogKey v0   { transactionalId string }
 *   value = int16 version (1) | TransactionLogValue v1 { producerId int64, producerEpoch int16,
 *           transactionTimeoutMs int32, transactionStatus int8, transactionPartitions
 *           [topic, [partition]], lastUpdate int64, start int64, tagged: previousProducerId (0),
 *           nextProducerId (1), clientTransactionVersion (2), nextProducerEpoch (3) }
 *   null value = tombstone (the id expired)
 * </pre>
 * Values of version 0 are read too. A key of another version is a record of another kind (Kafka
 * keeps none in this topic today) and is skipped. Stateless; thread-safe.
 */
public final class TransactionLogCodec implements CoordinatorRecordCodec<TransactionRecord> {
    public static final TransactionLogCodec INSTANCE = new TransactionLogCodec();

    static final short KEY_VERSION = 0;
    static final short VALUE_VERSION = 1;

    private TransactionLogCodec() {
    }

    @Override
    public SerializedRecord serialize(TransactionRecord record) {
        byte[] key = withVersion(new TransactionLogKey().setTransactionalId(record.transactionalId()), KEY_VERSION);
        TransactionMetadata metadata = record.metadata();
        return new SerializedRecord(key, metadata == null ? null : withVersion(valueOf(metadata), VALUE_VERSION));
    }

    @Override
    public TransactionRecord deserialize(ByteBuffer key, ByteBuffer value) {
        ByteBuffer keyBytes = key.duplicate();
        short keyVersion = keyBytes.getShort();
        if (keyVersion != KEY_VERSION) {
            return null;
        }
        TransactionLogKey parsedKey = new TransactionLogKey(new ByteBufferReadable(keyBytes, DecodeLimits.DEFAULT), keyVersion);
        String transactionalId = parsedKey.transactionalId();
        if (value == null) {
            return TransactionRecord.tombstone(transactionalId);
        }
        ByteBuffer valueBytes = value.duplicate();
        short valueVersion = valueBytes.getShort();
        if (valueVersion < 0 || valueVersion > VALUE_VERSION) {
            throw new IllegalArgumentException("transaction log value version " + valueVersion + " for " + transactionalId);
        }
        TransactionLogValue parsed = new TransactionLogValue(new ByteBufferReadable(valueBytes, DecodeLimits.DEFAULT), valueVersion);
        return TransactionRecord.of(metadataOf(transactionalId, parsed));
    }

    private static TransactionLogValue valueOf(TransactionMetadata metadata) {
        Map<String, List<Integer>> byTopic = new LinkedHashMap<>();
        for (TopicPartition partition : metadata.partitions()) {
            byTopic.computeIfAbsent(partition.topic(), topic -> new ArrayList<>()).add(partition.partition());
        }
        List<PartitionsSchema> partitions = new ArrayList<>(byTopic.size());
        byTopic.forEach((topic, ids) -> partitions.add(new PartitionsSchema().setTopic(topic).setPartitionIds(ids)));
        return new TransactionLogValue()
                .setProducerId(metadata.producerId())
                .setPreviousProducerId(metadata.previousProducerId())
                .setNextProducerId(metadata.nextProducerId())
                .setProducerEpoch(metadata.producerEpoch())
                .setTransactionTimeoutMs(metadata.timeoutMs())
                .setTransactionStatus(metadata.state().id())
                .setTransactionPartitions(partitions)
                .setTransactionLastUpdateTimestampMs(metadata.txnLastUpdateTimestampMs())
                .setTransactionStartTimestampMs(metadata.txnStartTimestampMs())
                .setClientTransactionVersion(metadata.clientTransactionVersion());
    }

    private static TransactionMetadata metadataOf(String transactionalId, TransactionLogValue value) {
        Set<TopicPartition> partitions = new LinkedHashSet<>();
        if (value.transactionPartitions() != null) {
            for (PartitionsSchema topic : value.transactionPartitions()) {
                for (int partition : topic.partitionIds()) {
                    partitions.add(new TopicPartition(topic.topic(), partition));
                }
            }
        }
        return new TransactionMetadata(transactionalId, value.producerId(), value.previousProducerId(), value.nextProducerId(),
                value.producerEpoch(), TransactionMetadata.NO_PRODUCER_EPOCH, value.transactionTimeoutMs(),
                TransactionState.forId(value.transactionStatus()), partitions, value.transactionStartTimestampMs(),
                value.transactionLastUpdateTimestampMs(), value.clientTransactionVersion());
    }

    private static byte[] withVersion(Message message, short version) {
        ByteBuffer buffer = ByteBuffer.allocate(2 + message.size(version));
        buffer.putShort(version);
        message.write(new ByteBufferWritable(buffer), version);
        return buffer.array();
    }
}
