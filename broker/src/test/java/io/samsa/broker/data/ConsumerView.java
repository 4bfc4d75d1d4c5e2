package io.samsa.broker.data;

import io.samsa.broker.data.fetch.FetchReader;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.FetchRequest;
import io.samsa.protocol.message.FetchRequest.FetchPartition;
import io.samsa.protocol.message.FetchRequest.FetchTopic;
import io.samsa.protocol.message.FetchResponse.PartitionData;
import io.samsa.protocol.record.MemoryRecords;
import io.samsa.protocol.record.Records;
import io.samsa.storage.FileSlice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.record.MutableRecordBatch;
import org.apache.kafka.common.record.Record;

/**
 * What a read_committed consumer sees of a partition, through the broker's own {@link FetchReader}
 * and parsed by kafka-clients' record-batch reader (the consumer's parser), for fuzz invariants.
 */
public final class ConsumerView {
    /** Fetch's isolation_level for read_committed. */
    public static final byte READ_COMMITTED = 1;
    private static final short FETCH_VERSION = 12;

    private ConsumerView() {
    }

    /** One batch as kafka-clients read it. */
    public record Batch(long baseOffset, long lastOffset, long producerId, boolean transactional, boolean control,
                        List<Long> timestamps, List<Boolean> keyed, boolean commitMarker) {
    }

    /**
     * @return every batch from {@code fromOffset} to the end of partition 0 of {@code topic}, as a
     *         read_committed Fetch answers it, parsed by kafka-clients
     * @throws AssertionError if the fetch fails or kafka-clients cannot read what it returned
     */
    public static List<Batch> readCommitted(FetchReader reader, String topic, long fromOffset) {
        FetchRequest request = new FetchRequest().setReplicaId(-1).setMaxWaitMs(0).setMinBytes(0)
                .setMaxBytes(Integer.MAX_VALUE).setIsolationLevel(READ_COMMITTED).setSessionId(0).setSessionEpoch(-1)
                .setTopics(List.of(new FetchTopic().setTopic(topic).setPartitions(List.of(new FetchPartition()
                        .setPartition(0).setFetchOffset(fromOffset).setPartitionMaxBytes(64 << 20)))));
        PartitionData data = reader.read(request, FETCH_VERSION).response().responses().get(0).partitions().get(0);
        if (data.errorCode() != ErrorCode.NONE.code()) {
            throw new AssertionError("read_committed fetch of " + topic + " from " + fromOffset + " answered "
                    + ErrorCode.forCode(data.errorCode()));
        }
        return parse(bytes(data.records()), topic);
    }

    /**
     * Invariant: a read_committed view never contains a transactional data batch without a later
     * COMMIT marker from the same producer (Samsa has no transaction coordinator, so no produce may
     * create one; any transactional batch in the view is uncommitted).
     */
    public static void assertOnlyCommitted(List<Batch> view, String topic) {
        Set<Long> open = new HashSet<>();
        Batch firstOpen = null;
        for (Batch batch : view) {
            if (batch.control()) {
                if (batch.commitMarker()) {
                    open.remove(batch.producerId());
                }
            } else if (batch.transactional()) {
                open.add(batch.producerId());
                firstOpen = firstOpen == null ? batch : firstOpen;
            }
        }
        if (!open.isEmpty()) {
            throw new AssertionError("read_committed view of " + topic + " holds transactional batches of producers "
                    + open + " without a commit marker, first " + firstOpen);
        }
    }

    private static List<Batch> parse(ByteBuffer bytes, String topic) {
        List<Batch> out = new ArrayList<>();
        try {
            for (MutableRecordBatch batch : org.apache.kafka.common.record.MemoryRecords.readableRecords(bytes).batches()) {
                batch.ensureValid();
                List<Long> timestamps = new ArrayList<>();
                List<Boolean> keyed = new ArrayList<>();
                boolean commit = false;
                for (Record record : batch) {
                    timestamps.add(record.timestamp());
                    keyed.add(record.hasKey());
                    if (batch.isControlBatch()) {
                        commit = org.apache.kafka.common.record.ControlRecordType.parse(record.key())
                                == org.apache.kafka.common.record.ControlRecordType.COMMIT;
                    }
                }
                if (timestamps.size() != batch.countOrNull()) {
                    throw new AssertionError("batch at " + batch.baseOffset() + " says " + batch.countOrNull()
                            + " records, kafka-clients read " + timestamps.size());
                }
                out.add(new Batch(batch.baseOffset(), batch.lastOffset(), batch.producerId(), batch.isTransactional(),
                        batch.isControlBatch(), timestamps, keyed, commit));
            }
        } catch (RuntimeException e) {
            throw new AssertionError("kafka-clients cannot read what " + topic + " holds", e);
        }
        return out;
    }

    private static ByteBuffer bytes(Records records) {
        if (records == null) {
            return ByteBuffer.allocate(0);
        }
        if (records instanceof MemoryRecords memory) {
            return memory.buffer().duplicate();
        }
        try {
            return ((FileSlice) records).readAll().buffer().duplicate();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
