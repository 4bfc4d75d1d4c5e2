package io.samsa.broker.data;

import static io.samsa.broker.data.RawRequests.batch;
import static io.samsa.broker.data.RawRequests.produce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.broker.Broker;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.DescribeProducersRequest;
import io.samsa.protocol.message.DescribeProducersResponse;
import io.samsa.protocol.message.InitProducerIdRequest;
import io.samsa.protocol.message.ProduceRequest;
import io.samsa.protocol.message.ProduceResponse;
import io.samsa.protocol.message.ProduceResponse.PartitionProduceResponse;
import io.samsa.protocol.record.CompressionType;
import io.samsa.protocol.record.MemoryRecords;
import io.samsa.protocol.record.RecordBatchBuilder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The produce path's guards against input Kafka 4.1 refuses (issues 16 and 17): transactional
 * batches without a transaction, CreateTime timestamps out of bounds, and records invalid for the
 * topic (KIP-467 record errors). Raw frames show the wire answer; kafka-clients 4.1 shows what a
 * real producer makes of it.
 */
class ProduceGuardsTest {
    private static final int VERSION = 9;
    private static final long YEAR_2100_MS = ZonedDateTime.of(2100, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).toInstant().toEpochMilli();

    @TempDir
    Path dir;

    @Test
    void transactionalBatchesWithoutATransactionAreRefusedForEveryPartitionAndNothingIsAppended() throws Exception {
        try (Broker broker = DataBrokers.start(dir, Map.of())) {
            DataBrokers.createTopic(broker, "tx", 2, Map.of());
            try (RawClient client = new RawClient(broker.boundPort())) {
                long producerId = client.<io.samsa.protocol.message.InitProducerIdResponse>call(new InitProducerIdRequest()
                        .setTransactionalId(null).setTransactionTimeoutMs(-1).setProducerId(-1)
                        .setProducerEpoch((short) -1), 4).producerId();
                ByteBuffer transactional = RecordBatchBuilder.create(CompressionType.NONE).producer(producerId, (short) 0, 0)
                        .transactional(true).append(RawRequests.TIMESTAMP_MS, key("k"), key("v")).build();
                ByteBuffer plain = batch(CompressionType.NONE, 1, 10, producerId, (short) 0, 0);
                // Interim: a request naming a transactional id is admitted until the transaction-log work
                // verifies it with the coordinator (KIP-890); without one it is refused, as Kafka does.
                for (String transactionalId : new String[] {null, ""}) {
                    ProduceRequest request = twoPartitions("tx", plain, transactional).setTransactionalId(transactionalId);
                    ProduceResponse response = client.call(request, VERSION);
                    for (PartitionProduceResponse partition : response.responses().get(0).partitionResponses()) {
                        assertEquals(ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED.code(), partition.errorCode(),
                                "partition " + partition.index() + ", transactional id " + transactionalId);
                        assertEquals(-1, partition.baseOffset());
                        assertNull(partition.errorMessage(), "Kafka sends no message with this error");
                    }
                }
                assertEquals(0, RawProduceTest.latestOffset(client, "tx"), "the plain batch of the request is not appended either");
                assertTrue(activeProducers(client, "tx").isEmpty(), "producer state unchanged");
                assertEquals(ErrorCode.NONE, firstError(client.call(produce("tx", 0, (short) 1, plain), VERSION)),
                        "sequence 0 is still expected: the refused batches left no trace");
            }
        }
    }

    @Test
    void createTimeTimestampsOutOfBoundsAreInvalidTimestampWithRecordErrors() throws Exception {
        try (Broker broker = DataBrokers.start(dir, Map.of())) {
            DataBrokers.createTopic(broker, "times", 1, Map.of());
            DataBrokers.createTopic(broker, "appendtime", 1, Map.of("message.timestamp.type", "LogAppendTime"));
            DataBrokers.createTopic(broker, "recent", 1, Map.of("message.timestamp.before.max.ms", "86400000"));
            try (RawClient client = new RawClient(broker.boundPort())) {
                long nowMs = System.currentTimeMillis();
                for (long bad : new long[] {nowMs + 2 * 3_600_000L, YEAR_2100_MS, Long.MAX_VALUE, Long.MIN_VALUE}) {
                    PartitionProduceResponse answer = partition(client.call(
                            produce("times", 0, (short) 1, records(CompressionType.LZ4, nowMs, bad, nowMs)), VERSION));
                    assertEquals(ErrorCode.INVALID_TIMESTAMP.code(), answer.errorCode(), "timestamp " + bad);
                    assertEquals("One or more records have been rejected due to invalid timestamp", answer.errorMessage());
                    assertEquals(1, answer.recordErrors().size());
                    assertEquals(1, answer.recordErrors().get(0).batchIndex());
                    String message = answer.recordErrors().get(0).batchIndexErrorMessage();
                    assertTrue(message.startsWith("Timestamp " + bad + " of message with offset 1 is out of range. "
                            + "The timestamp should be within ["), message);
                }
                assertEquals(0, RawProduceTest.latestOffset(client, "times"), "nothing appended");
                assertEquals(ErrorCode.NONE, firstError(client.call(produce("times", 0, (short) 1,
                        records(CompressionType.NONE, nowMs - 30L * 24 * 3_600_000L, nowMs + 600_000L)), VERSION)),
                        "a month old and ten minutes ahead are within the default bounds");

                assertEquals(ErrorCode.INVALID_TIMESTAMP, firstError(client.call(produce("recent", 0, (short) 1,
                        records(CompressionType.NONE, nowMs - 2 * 86_400_000L)), VERSION)), "the topic's before-bound");
                assertEquals(ErrorCode.NONE, firstError(client.call(produce("appendtime", 0, (short) 1,
                        records(CompressionType.NONE, YEAR_2100_MS, Long.MAX_VALUE)), VERSION)),
                        "a LogAppendTime topic replaces the client's timestamps, so it has no bounds");

                PartitionProduceResponse v7 = partition(client.call(produce("times", 0, (short) 1,
                        records(CompressionType.NONE, YEAR_2100_MS)), 7));
                assertEquals(ErrorCode.INVALID_TIMESTAMP.code(), v7.errorCode(), "versions before 8 get the code alone");
                assertTrue(v7.recordErrors().isEmpty());
            }
        }
    }

    @Test
    void brokerTimestampBoundIsEnforcedAndDescribedWithTopicOverrides() throws Exception {
        try (Broker broker = DataBrokers.start(dir, Map.of("log.message.timestamp.after.max.ms", "60000"))) {
            DataBrokers.createTopic(broker, "broker-bound", 1, Map.of());
            DataBrokers.createTopic(broker, "topic-bound", 1, Map.of("message.timestamp.after.max.ms", "86400000"));
            try (RawClient client = new RawClient(broker.boundPort())) {
                long fiveMinutesAheadMs = System.currentTimeMillis() + 300_000L;
                assertEquals(ErrorCode.INVALID_TIMESTAMP, firstError(client.call(produce("broker-bound", 0, (short) 1,
                        records(CompressionType.NONE, fiveMinutesAheadMs)), VERSION)));
                assertEquals(ErrorCode.NONE, firstError(client.call(produce("topic-bound", 0, (short) 1,
                        records(CompressionType.NONE, fiveMinutesAheadMs)), VERSION)));
            }
            try (Admin admin = DataBrokers.admin(broker)) {
                ConfigResource brokerBound = new ConfigResource(ConfigResource.Type.TOPIC, "broker-bound");
                ConfigResource topicBound = new ConfigResource(ConfigResource.Type.TOPIC, "topic-bound");
                Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(brokerBound, topicBound)).all().get();
                ConfigEntry fromBroker = configs.get(brokerBound).get("message.timestamp.after.max.ms");
                assertEquals("60000", fromBroker.value());
                assertEquals(ConfigEntry.ConfigSource.STATIC_BROKER_CONFIG, fromBroker.source());
                ConfigEntry fromTopic = configs.get(topicBound).get("message.timestamp.after.max.ms");
                assertEquals("86400000", fromTopic.value());
                assertEquals(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG, fromTopic.source());
                assertEquals(Long.toString(Long.MAX_VALUE), configs.get(brokerBound).get("message.timestamp.before.max.ms").value());
            }
        }
    }

    @Test
    void aNullKeyOnACompactedTopicIsInvalidRecordWithRecordErrorsInKafkasWording() throws Exception {
        try (Broker broker = DataBrokers.start(dir, Map.of())) {
            DataBrokers.createTopic(broker, "compacted", 1, Map.of("cleanup.policy", "compact"));
            try (RawClient client = new RawClient(broker.boundPort())) {
                long nowMs = System.currentTimeMillis();
                ByteBuffer twoKeyless = RecordBatchBuilder.create(CompressionType.GZIP).append(nowMs, key("a"), key("1"))
                        .append(nowMs, null, key("2")).append(nowMs, key("c"), key("3")).append(nowMs, null, key("4")).build();
                PartitionProduceResponse answer = partition(client.call(produce("compacted", 0, (short) 1, twoKeyless), VERSION));
                assertEquals(ErrorCode.INVALID_RECORD.code(), answer.errorCode());
                String reason = "Compacted topic cannot accept message without key in topic partition compacted-0";
                assertEquals(List.of(1, 3), answer.recordErrors().stream().map(e -> e.batchIndex()).toList());
                assertEquals(reason, answer.recordErrors().get(0).batchIndexErrorMessage());
                assertEquals("One or more records have been rejected due to 2 record errors in total, and only showing the "
                        + "first three errors at most: [RecordError(batchIndex=1, message='" + reason + "'), "
                        + "RecordError(batchIndex=3, message='" + reason + "')]", answer.errorMessage());
                assertEquals(0, RawProduceTest.latestOffset(client, "compacted"), "nothing appended");
            }
        }
    }

    @Test
    void kafkaProducerFailsExactlyTheRefusedRecordsWithTheReason() throws Exception {
        try (Broker broker = DataBrokers.start(dir, Map.of())) {
            DataBrokers.createTopic(broker, "compacted", 1, Map.of("cleanup.policy", "compact"));
            DataBrokers.createTopic(broker, "plain", 1, Map.of());
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, DataBrokers.bootstrap(broker));
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "20000");
            props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
                ExecutionException nullKey = assertThrows(ExecutionException.class,
                        () -> producer.send(new ProducerRecord<>("compacted", null, "value")).get());
                assertInstanceOf(InvalidRecordException.class, nullKey.getCause());
                assertEquals("Compacted topic cannot accept message without key in topic partition compacted-0",
                        nullKey.getCause().getMessage());
                assertEquals(0, producer.send(new ProducerRecord<>("compacted", "key", "value")).get().offset());

                ExecutionException future = assertThrows(ExecutionException.class, () -> producer.send(
                        new ProducerRecord<>("plain", null, YEAR_2100_MS, "key", "value")).get());
                assertInstanceOf(InvalidTimestampException.class, future.getCause(), future.getCause().toString());
                assertEquals(0, producer.send(new ProducerRecord<>("plain", "key", "value")).get().offset());
            }
        }
    }

    private static ByteBuffer records(CompressionType codec, long... timestampsMs) {
        RecordBatchBuilder builder = RecordBatchBuilder.create(codec);
        for (long timestampMs : timestampsMs) {
            builder.append(timestampMs, key("k"), key("v"));
        }
        return builder.build();
    }

    private static byte[] key(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static ProduceRequest twoPartitions(String topic, ByteBuffer first, ByteBuffer second) {
        return new ProduceRequest().setAcks((short) 1).setTimeoutMs(10_000).setTopicData(new ArrayList<>(List.of(
                new ProduceRequest.TopicProduceData().setName(topic).setPartitionData(new ArrayList<>(List.of(
                        new ProduceRequest.PartitionProduceData().setIndex(0).setRecords(new MemoryRecords(first.duplicate())),
                        new ProduceRequest.PartitionProduceData().setIndex(1).setRecords(new MemoryRecords(second.duplicate()))))))));
    }

    private static PartitionProduceResponse partition(ProduceResponse response) {
        return response.responses().get(0).partitionResponses().get(0);
    }

    private static ErrorCode firstError(ProduceResponse response) {
        return ErrorCode.forCode(partition(response).errorCode());
    }

    private static List<DescribeProducersResponse.ProducerState> activeProducers(RawClient client, String topic) throws Exception {
        DescribeProducersResponse described = client.call(new DescribeProducersRequest().setTopics(new ArrayList<>(List.of(
                new DescribeProducersRequest.TopicRequest().setName(topic).setPartitionIndexes(new ArrayList<>(List.of(0, 1)))))), 0);
        List<DescribeProducersResponse.ProducerState> out = new ArrayList<>();
        described.topics().get(0).partitions().forEach(p -> out.addAll(p.activeProducers()));
        return out;
    }
}
