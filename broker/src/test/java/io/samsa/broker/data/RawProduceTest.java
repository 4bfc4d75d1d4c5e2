package io.samsa.broker.data;

import static io.samsa.broker.data.RawRequests.batch;
import static io.samsa.broker.data.RawRequests.produce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.broker.Broker;
import io.samsa.broker.testing.TestClient;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.DescribeProducersRequest;
import io.samsa.protocol.message.DescribeProducersResponse;
import io.samsa.protocol.message.InitProducerIdRequest;
import io.samsa.protocol.message.InitProducerIdResponse;
import io.samsa.protocol.message.ListOffsetsResponse;
import io.samsa.protocol.message.ProduceRequest;
import io.samsa.protocol.message.ProduceResponse;
import io.samsa.protocol.record.CompressionType;
import io.samsa.protocol.testing.Await;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Produce with hand-built requests (our generated messages, framed by header.Frames): Kafka's
 * error codes for bad input, and idempotent-producer sequence handling, also across a restart.
 */
class RawProduceTest {
    private static final int VERSION = 9;

    @TempDir
    Path dir;

    @Test
    void badInputGetsKafkasErrorCodesAndIsNotStored() throws Exception {
        try (Broker broker = DataBrokers.start(dir, Map.of())) {
            DataBrokers.createTopic(broker, "strict", 1, Map.of("max.message.bytes", "2000"));
            try (RawClient client = new RawClient(broker.boundPort())) {
                assertEquals(ErrorCode.NONE, produceError(client, produce("strict", 0, (short) 1, batch(3)), VERSION));

                ByteBuffer flipped = batch(3);
                flipped.put(flipped.limit() - 1, (byte) (flipped.get(flipped.limit() - 1) ^ 1));
                assertEquals(ErrorCode.CORRUPT_MESSAGE, produceError(client, produce("strict", 0, (short) 1, flipped), VERSION));

                ByteBuffer one = batch(2);
                ByteBuffer two = ByteBuffer.allocate(one.remaining() * 2).put(one.duplicate()).put(one.duplicate()).flip();
                assertEquals(ErrorCode.INVALID_RECORD, produceError(client, produce("strict", 0, (short) 1, two), VERSION));

                ByteBuffer oversized = batch(CompressionType.NONE, 1, 3000, -1, (short) -1, -1);
                assertEquals(ErrorCode.MESSAGE_TOO_LARGE, produceError(client, produce("strict", 0, (short) 1, oversized), VERSION));

                assertEquals(ErrorCode.INVALID_REQUIRED_ACKS, produceError(client, produce("strict", 0, (short) 2, batch(1)), VERSION));
                assertEquals(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, produceError(client, produce("nope", 0, (short) 1, batch(1)), VERSION));
                assertEquals(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, produceError(client, produce("strict", 7, (short) 1, batch(1)), VERSION));

                ByteBuffer zstd = batch(CompressionType.ZSTD, 2, 10, -1, (short) -1, -1);
                assertEquals(ErrorCode.UNSUPPORTED_COMPRESSION_TYPE, produceError(client, produce("strict", 0, (short) 1, zstd), 6));
                assertEquals(ErrorCode.NONE, produceError(client, produce("strict", 0, (short) 1, zstd), 7));

                // only the two good batches are in the log: 3 + 2 records
                assertEquals(5, latestOffset(client, "strict"));
            }
            try (TestClient client = TestClient.connect(broker.boundPort())) {
                client.sendRaw(RawClient.frame(produce("nope", 0, (short) 0, batch(1)), VERSION, 1));
                assertTrue(client.awaitClosedByBroker(), "a failed acks=0 produce closes the connection, as on Kafka");
            }
            try (TestClient client = TestClient.connect(broker.boundPort())) {
                client.send(0, 2, 1, new byte[] {0, 0, 0, 1});
                assertTrue(client.awaitClosedByBroker(), "Produce v2 closes the connection, as on Kafka 4.x");
            }
        }
    }

    @Test
    void idempotentProducerRetriesGetTheirOffsetsGapsAndOldEpochsAreRefused() throws Exception {
        long producerId;
        ProduceRequest epochOneFirst;
        try (Broker broker = DataBrokers.start(dir, Map.of())) {
            DataBrokers.createTopic(broker, "idem", 1, Map.of());
            try (RawClient client = new RawClient(broker.boundPort())) {
                InitProducerIdResponse init = client.call(new InitProducerIdRequest().setTransactionalId(null)
                        .setTransactionTimeoutMs(-1).setProducerId(-1).setProducerEpoch((short) -1), 4);
                assertEquals(ErrorCode.NONE.code(), init.errorCode());
                producerId = init.producerId();
                assertEquals(0, init.producerEpoch());

                ProduceRequest first = produce("idem", 0, (short) -1, batch(CompressionType.NONE, 3, 10, producerId, (short) 0, 0));
                assertEquals(0, baseOffset(client, first));
                assertEquals(0, baseOffset(client, first), "a retried batch gets its original offset");
                assertEquals(3, latestOffset(client, "idem"), "and is stored once");
                assertEquals(3, baseOffset(client, produce("idem", 0, (short) -1,
                        batch(CompressionType.GZIP, 2, 10, producerId, (short) 0, 3))));
                assertEquals(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, produceError(client, produce("idem", 0, (short) -1,
                        batch(CompressionType.NONE, 1, 10, producerId, (short) 0, 9)), VERSION));
                assertEquals(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, produceError(client, produce("idem", 0, (short) -1,
                        batch(CompressionType.NONE, 1, 10, producerId, (short) 1, 4)), VERSION), "a new epoch starts at 0");
                epochOneFirst = produce("idem", 0, (short) -1, batch(CompressionType.NONE, 2, 10, producerId, (short) 1, 0));
                assertEquals(5, baseOffset(client, epochOneFirst));
                assertEquals(ErrorCode.INVALID_PRODUCER_EPOCH, produceError(client, produce("idem", 0, (short) -1,
                        batch(CompressionType.NONE, 1, 10, producerId, (short) 0, 5)), VERSION));
                assertEquals(7, latestOffset(client, "idem"));

                // InitProducerId with a transactional id is the transaction coordinator's: TransactionApisRawTest
            }
        }
        try (Broker broker = DataBrokers.start(dir, Map.of())) {
            try (RawClient client = new RawClient(broker.boundPort())) {
                assertEquals(5, baseOffset(client, epochOneFirst), "producer state is rebuilt from the log after a restart");
                assertEquals(7, latestOffset(client, "idem"));
                DescribeProducersResponse described = client.call(new DescribeProducersRequest().setTopics(new ArrayList<>(List.of(
                        new DescribeProducersRequest.TopicRequest().setName("idem").setPartitionIndexes(new ArrayList<>(List.of(0)))))), 0);
                DescribeProducersResponse.ProducerState state = described.topics().get(0).partitions().get(0).activeProducers().get(0);
                assertEquals(producerId, state.producerId());
                assertEquals(1, state.producerEpoch());
                assertEquals(1, state.lastSequence());
                InitProducerIdResponse again = client.call(new InitProducerIdRequest().setTransactionalId(null)
                        .setTransactionTimeoutMs(-1).setProducerId(-1).setProducerEpoch((short) -1), 4);
                assertNotEquals(producerId, again.producerId(), "producer ids are not reused after a restart");
            }
        }
    }

    @Test
    void producersIdleForProducerIdExpirationMsAreForgotten() throws Exception {
        // the batches' timestamps (a minute old) are past a 1 s expiration as soon as they are written
        try (Broker broker = DataBrokers.start(dir, Map.of("producer.id.expiration.ms", "1000",
                "producer.id.expiration.check.interval.ms", "50"))) {
            DataBrokers.createTopic(broker, "idle", 1, Map.of());
            try (RawClient client = new RawClient(broker.boundPort())) {
                InitProducerIdResponse init = client.call(new InitProducerIdRequest().setTransactionalId(null)
                        .setTransactionTimeoutMs(-1).setProducerId(-1).setProducerEpoch((short) -1), 4);
                long producerId = init.producerId();
                assertEquals(0, baseOffset(client, produce("idle", 0, (short) -1,
                        batch(CompressionType.NONE, 2, 10, producerId, (short) 0, 0))));
                Await.until(Duration.ofSeconds(10), "the idle producer dropped by the expiry check",
                        () -> activeProducers(client, "idle").isEmpty());
                assertEquals(2, baseOffset(client, produce("idle", 0, (short) -1,
                        batch(CompressionType.NONE, 1, 10, producerId, (short) 0, 7))), "unknown again: any sequence");
            }
        }
    }

    private static List<DescribeProducersResponse.ProducerState> activeProducers(RawClient client, String topic) {
        DescribeProducersResponse described;
        try {
            described = client.call(new DescribeProducersRequest().setTopics(new ArrayList<>(List.of(
                    new DescribeProducersRequest.TopicRequest().setName(topic).setPartitionIndexes(new ArrayList<>(List.of(0)))))), 0);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return described.topics().get(0).partitions().get(0).activeProducers();
    }

    private static ErrorCode produceError(RawClient client, ProduceRequest request, int version) throws Exception {
        ProduceResponse response = client.call(request, version);
        return ErrorCode.forCode(response.responses().get(0).partitionResponses().get(0).errorCode());
    }

    private static long baseOffset(RawClient client, ProduceRequest request) throws Exception {
        ProduceResponse response = client.call(request, VERSION);
        ProduceResponse.PartitionProduceResponse partition = response.responses().get(0).partitionResponses().get(0);
        assertEquals(ErrorCode.NONE.code(), partition.errorCode(), partition.errorMessage());
        return partition.baseOffset();
    }

    static long latestOffset(RawClient client, String topic) throws Exception {
        ListOffsetsResponse response = client.call(RawRequests.listOffsets(topic, 0, -1), 7);
        return response.topics().get(0).partitions().get(0).offset();
    }
}
