package io.samsa.storage;

import io.samsa.protocol.record.MemoryRecords;
import io.samsa.protocol.util.ManualTime;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.MemoryRecordsBuilder;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.SimpleRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Batches built by Kafka's own client code go in, and Kafka's parser reads what comes out. */
class KafkaInteropTest {
    @TempDir(factory = MemoryTempDirFactory.class)
    Path tmp;
    private final ManualTime time = new ManualTime();
    private PartitionLog log;

    @AfterEach
    void close() {
        if (log != null) {
            log.closeUncleanly();
        }
    }

    private static MemoryRecords kafkaBatch(Compression compression, long producerId, int baseSequence, long timestampMs, String... keyValues) {
        MemoryRecordsBuilder builder = org.apache.kafka.common.record.MemoryRecords.builder(ByteBuffer.allocate(4096),
                RecordBatch.CURRENT_MAGIC_VALUE, compression, TimestampType.CREATE_TIME, 0L, timestampMs, producerId,
                (short) 0, baseSequence, false, RecordBatch.NO_PARTITION_LEADER_EPOCH);
        for (int i = 0; i < keyValues.length; i += 2) {
            byte[] key = keyValues[i] == null ? null : keyValues[i].getBytes(StandardCharsets.UTF_8);
            byte[] value = keyValues[i + 1] == null ? null : keyValues[i + 1].getBytes(StandardCharsets.UTF_8);
            builder.append(new SimpleRecord(timestampMs + i, key, value,
                    new RecordHeader[] {new RecordHeader("h", ("hv" + i).getBytes(StandardCharsets.UTF_8))}));
        }
        return new MemoryRecords(builder.build().buffer());
    }

    @Test
    void kafkaProducerBatchesRoundTrip() {
        log = PartitionLog.open(tmp.resolve("t-0"), new TopicPartition("t", 0), LogConfig.DEFAULT, time);
        log.append(kafkaBatch(Compression.NONE, 77L, 0, 1000, "a", "1", "b", "2"));
        AppendInfo gz = log.append(kafkaBatch(Compression.gzip().build(), 77L, 2, 2000, "c", "3", "d", "4", "e", "5"));
        assertEquals(2, gz.firstOffset());
        assertEquals(4, gz.lastOffset());

        List<String> seen = new ArrayList<>();
        java.util.Iterator<io.samsa.protocol.record.RecordBatch> batches = log.batchesFrom(0);
        while (batches.hasNext()) {
            io.samsa.protocol.record.RecordBatch batch = batches.next();
            assertEquals(77L, batch.producerId());
            ByteBuffer view = batch.buffer().duplicate();
            view.limit(batch.start() + batch.sizeInBytes()).position(batch.start());
            for (org.apache.kafka.common.record.MutableRecordBatch kafka : org.apache.kafka.common.record.MemoryRecords.readableRecords(view.slice()).batches()) {
                kafka.ensureValid();
                for (org.apache.kafka.common.record.Record record : kafka) {
                    seen.add(record.offset() + ":" + StandardCharsets.UTF_8.decode(record.key()) + "="
                            + StandardCharsets.UTF_8.decode(record.value()) + "/" + new String(record.headers()[0].value(), StandardCharsets.UTF_8));
                }
            }
        }
        assertEquals(List.of("0:a=1/hv0", "1:b=2/hv2", "2:c=3/hv0", "3:d=4/hv2", "4:e=5/hv4"), seen);
        // records of a compressed batch are not opened by storage: the answer is the batch's first offset
        // with its max timestamp (Kafka would decompress and answer 2000)
        assertEquals(new TimestampAndOffset(2004, 2), log.offsetForTimestamp(1500).orElseThrow());
        assertEquals(new TimestampAndOffset(1002, 1), log.offsetForTimestamp(1001).orElseThrow());
    }

    @Test
    void compactedKafkaBatchesStayValidForKafka() {
        log = PartitionLog.open(tmp.resolve("c-0"), new TopicPartition("c", 0),
                LogConfig.fromMap(Map.of(LogConfig.CLEANUP_POLICY, "compact")), time);
        long now = time.milliseconds();
        log.append(kafkaBatch(Compression.NONE, -1L, -1, now, "k1", "old", "k2", "keep", "k1", "mid"));
        log.append(kafkaBatch(Compression.NONE, -1L, -1, now, "k1", "new", "k3", null));
        log.roll();
        log.append(kafkaBatch(Compression.NONE, -1L, -1, now, "k4", "active"));
        assertTrue(log.compact(time.milliseconds()));
        List<String> seen = TestBatches.readAll(log).stream().map(r -> r.offset() + ":" + r.key() + "=" + r.value()).toList();
        assertEquals(List.of("1:k2=keep", "3:k1=new", "4:k3=null", "5:k4=active"), seen, "the recent tombstone stays");
        time.advance(LogConfig.DELETE_RETENTION_MS_DEFAULT + 10);
        assertTrue(log.compact(time.milliseconds()));
        seen = TestBatches.readAll(log).stream().map(r -> r.offset() + ":" + r.key() + "=" + r.value()).toList();
        assertEquals(List.of("1:k2=keep", "3:k1=new", "5:k4=active"), seen, "the tombstone goes after delete.retention.ms");
    }
}
