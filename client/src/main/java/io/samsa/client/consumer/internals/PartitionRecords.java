package io.samsa.client.consumer.internals;

import io.samsa.client.common.TimestampType;
import io.samsa.client.common.TopicPartition;
import io.samsa.client.common.header.RecordHeaders;
import io.samsa.client.consumer.ConsumerRecord;
import io.samsa.client.errors.CorruptRecordException;
import io.samsa.client.errors.SerializationException;
import io.samsa.client.serialization.Deserializer;
import io.samsa.protocol.message.FetchResponse;
import io.samsa.protocol.record.ControlRecordType;
import io.samsa.protocol.record.MemoryRecords;
import io.samsa.protocol.record.Record;
import io.samsa.protocol.record.RecordBatch;
import io.samsa.protocol.record.RecordHeader;
import io.samsa.protocol.record.RecordIterator;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The fetched data of one partition being handed out across polls: walks the batches in place (no
 * copy of record bytes; compressed batches are streamed), skips control batches, records before the
 * fetch position and, for read_committed, aborted transactions, and turns records into
 * {@link ConsumerRecord}s with the deserializers.
 *
 * <p>Not thread-safe: the application thread owns it.
 */
final class PartitionRecords<K, V> {
    private final TopicPartition partition;
    private final Iterator<RecordBatch> batches;
    private final boolean checkCrcs;
    private final boolean readCommitted;
    private final PriorityQueue<FetchResponse.AbortedTransaction> abortedTransactions;
    private final Set<Long> abortedProducerIds = new HashSet<>();
    private RecordBatch currentBatch;
    private RecordIterator currentRecords;
    /** The current batch's timestamp type and leader epoch, shared by all its records. */
    private TimestampType currentTimestampType;
    private Optional<Integer> currentLeaderEpoch;
    private long nextOffset;
    private Optional<Integer> lastEpoch = Optional.empty();
    private boolean exhausted;

    PartitionRecords(TopicPartition partition, long fetchOffset, MemoryRecords records, boolean checkCrcs,
                     boolean readCommitted, List<FetchResponse.AbortedTransaction> aborted) {
        this.partition = partition;
        this.nextOffset = fetchOffset;
        this.batches = records.iterator();
        this.checkCrcs = checkCrcs;
        this.readCommitted = readCommitted;
        this.abortedTransactions = new PriorityQueue<>((a, b) -> Long.compare(a.firstOffset(), b.firstOffset()));
        if (readCommitted && aborted != null) {
            abortedTransactions.addAll(aborted);
        }
    }

    TopicPartition partition() {
        return partition;
    }

    /** The offset of the next record this will hand out (the consumer's position once handed out). */
    long nextOffset() {
        return nextOffset;
    }

    Optional<Integer> lastEpoch() {
        return lastEpoch;
    }

    boolean isExhausted() {
        return exhausted;
    }

    /** Appends up to {@code max} records to {@code out}; returns how many. */
    int drain(int max, Deserializer<K> keys, Deserializer<V> values, List<ConsumerRecord<K, V>> out) {
        int taken = 0;
        while (taken < max && !exhausted) {
            if (currentRecords == null && !nextBatch()) {
                exhausted = true;
                break;
            }
            if (!currentRecords.hasNext()) {
                nextOffset = Math.max(nextOffset, currentBatch.nextOffset());
                currentRecords.close();
                currentRecords = null;
                continue;
            }
            Record record = currentRecords.next();
            if (record.offset() < nextOffset) {
                continue;
            }
            out.add(toConsumerRecord(record, keys, values));
            nextOffset = record.offset() + 1;
            taken++;
        }
        return taken;
    }

    /** Moves to the next batch with records to hand out; false when there is none. */
    private boolean nextBatch() {
        while (batches.hasNext()) {
            RecordBatch batch = batches.next();
            if (batch.nextOffset() <= nextOffset) {
                continue;
            }
            if (checkCrcs) {
                try {
                    batch.ensureValid();
                } catch (io.samsa.protocol.record.CorruptRecordException e) {
                    throw new CorruptRecordException("Record batch for partition " + partition + " at offset "
                        + batch.baseOffset() + " is invalid: " + e.getMessage());
                }
            }
            if (readCommitted && skipAsAborted(batch)) {
                nextOffset = batch.nextOffset();
                continue;
            }
            if (batch.isControlBatch()) {
                nextOffset = batch.nextOffset();
                continue;
            }
            if (batch.partitionLeaderEpoch() >= 0) {
                lastEpoch = Optional.of(batch.partitionLeaderEpoch());
            }
            currentBatch = batch;
            currentRecords = batch.records();
            currentTimestampType = batch.isLogAppendTime() ? TimestampType.LOG_APPEND_TIME : TimestampType.CREATE_TIME;
            currentLeaderEpoch = batch.partitionLeaderEpoch() < 0 ? Optional.empty() : Optional.of(batch.partitionLeaderEpoch());
            return true;
        }
        return false;
    }

    /** read_committed: whether the batch belongs to an aborted transaction (control markers end one). */
    private boolean skipAsAborted(RecordBatch batch) {
        if (!batch.isTransactional()) {
            return false;
        }
        while (!abortedTransactions.isEmpty() && abortedTransactions.peek().firstOffset() <= batch.lastOffset()) {
            abortedProducerIds.add(abortedTransactions.poll().producerId());
        }
        if (batch.isControlBatch()) {
            try (RecordIterator it = batch.records()) {
                if (it.hasNext() && ControlRecordType.of(it.next()) == ControlRecordType.ABORT) {
                    abortedProducerIds.remove(batch.producerId());
                }
            }
            return true;
        }
        return abortedProducerIds.contains(batch.producerId());
    }

    private ConsumerRecord<K, V> toConsumerRecord(Record record, Deserializer<K> keys, Deserializer<V> values) {
        RecordHeaders headers = new RecordHeaders();
        if (record.headerCount() > 0) {
            for (RecordHeader header : record.headers()) {
                headers.add(header.key(), header.value() == null ? null : header.valueBytes());
            }
        }
        String topic = partition.topic();
        try {
            ByteBuffer keyBytes = record.hasKey() ? record.key() : null;
            ByteBuffer valueBytes = record.hasValue() ? record.value() : null;
            K key = keyBytes == null ? keys.deserialize(topic, headers, (byte[]) null) : keys.deserialize(topic, headers, keyBytes);
            V value = valueBytes == null ? values.deserialize(topic, headers, (byte[]) null)
                : values.deserialize(topic, headers, valueBytes);
            return new ConsumerRecord<>(topic, partition.partition(), record.offset(), record.timestamp(), currentTimestampType,
                record.hasKey() ? record.keySize() : ConsumerRecord.NULL_SIZE,
                record.hasValue() ? record.valueSize() : ConsumerRecord.NULL_SIZE, key, value, headers, currentLeaderEpoch);
        } catch (RuntimeException e) {
            throw new SerializationException("Error deserializing key/value for partition " + partition + " at offset "
                + record.offset() + ". If needed, please seek past the record to continue consumption.", e);
        }
    }

    void close() {
        if (currentRecords != null) {
            currentRecords.close();
            currentRecords = null;
        }
        exhausted = true;
    }
}
