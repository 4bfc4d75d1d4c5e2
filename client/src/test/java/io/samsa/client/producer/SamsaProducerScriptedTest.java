package io.samsa.client.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.client.errors.ConfigException;
import io.samsa.client.errors.TimeoutException;
import io.samsa.client.serialization.StringSerializer;
import io.samsa.client.testing.FakeKafkaServer;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.AddPartitionsToTxnResponse;
import io.samsa.protocol.message.ApiMessageType;
import io.samsa.protocol.message.EndTxnRequest;
import io.samsa.protocol.message.EndTxnResponse;
import io.samsa.protocol.message.FindCoordinatorResponse;
import io.samsa.protocol.message.InitProducerIdRequest;
import io.samsa.protocol.message.InitProducerIdResponse;
import io.samsa.protocol.message.MetadataResponse;
import io.samsa.protocol.message.ProduceRequest;
import io.samsa.protocol.message.ProduceResponse;
import io.samsa.protocol.record.MemoryRecords;
import io.samsa.protocol.record.RecordBatch;
import io.samsa.protocol.testing.Await;
import io.samsa.protocol.types.ApiMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The producer against a scripted broker on 127.0.0.1: failures real Kafka does not produce on
 * demand (an unreachable leader, UNKNOWN_PRODUCER_ID, NOT_LEADER_OR_FOLLOWER), and config validation.
 */
class SamsaProducerScriptedTest {
    private FakeKafkaServer server;
    private Thread script;
    private volatile boolean scripting;
    private final List<FakeKafkaServer.Received> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        server = new FakeKafkaServer();
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        scripting = false;
        if (script != null) {
            script.join(5_000);
        }
        server.close();
    }

    /** Answers every request on a thread of its own; Metadata always names {@code leaderPort} as the leader of t-0. */
    private void serve(int leaderPort, Function<FakeKafkaServer.Received, ApiMessage> answers) {
        scripting = true;
        script = new Thread(() -> {
            while (scripting) {
                FakeKafkaServer.Received request = server.poll(Duration.ofMillis(20));
                if (request == null) {
                    continue;
                }
                seen.add(request);
                if (request.header().apiKey() == ApiMessageType.METADATA.apiKey()) {
                    request.respond(metadata(leaderPort));
                } else {
                    ApiMessage answer = answers.apply(request);
                    if (answer != null) {
                        request.respond(answer);
                    }
                }
            }
        }, "scripted-broker");
        script.start();
    }

    private static MetadataResponse metadata(int leaderPort) {
        return new MetadataResponse().setClusterId("fake").setControllerId(1)
            .setBrokers(List.of(new MetadataResponse.MetadataResponseBroker().setNodeId(1).setHost("127.0.0.1").setPort(leaderPort)))
            .setTopics(List.of(new MetadataResponse.MetadataResponseTopic().setName("t").setPartitions(List.of(
                new MetadataResponse.MetadataResponsePartition().setPartitionIndex(0).setLeaderId(1)
                    .setReplicaNodes(List.of(1)).setIsrNodes(List.of(1))))));
    }

    private static ProduceResponse produceAnswer(ErrorCode error, long baseOffset) {
        return new ProduceResponse().setResponses(List.of(new ProduceResponse.TopicProduceResponse().setName("t")
            .setPartitionResponses(List.of(new ProduceResponse.PartitionProduceResponse().setIndex(0)
                .setErrorCode(error.code()).setBaseOffset(baseOffset).setLogAppendTimeMs(-1)))));
    }

    private static RecordBatch batchOf(FakeKafkaServer.Received produce) {
        ProduceRequest request = (ProduceRequest) produce.body();
        MemoryRecords records = (MemoryRecords) request.topicData().get(0).partitionData().get(0).records();
        return new RecordBatch(records.buffer(), records.buffer().position());
    }

    private SamsaProducer<String, String> producer(Object... pairs) {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", "127.0.0.1:" + server.port());
        config.put("linger.ms", 0);
        config.put("retry.backoff.ms", 20);
        config.put("reconnect.backoff.ms", 20);
        config.put("reconnect.backoff.max.ms", 50);
        for (int i = 0; i < pairs.length; i += 2) {
            config.put((String) pairs[i], pairs[i + 1]);
        }
        return new SamsaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static int freePortNobodyListensOn() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void deliveryTimesOutWhenTheLeaderIsUnreachable() throws Exception {
        serve(freePortNobodyListensOn(), request -> null);
        try (SamsaProducer<String, String> producer = producer("enable.idempotence", false, "acks", "1",
            "request.timeout.ms", 500, "delivery.timeout.ms", 1_500)) {
            long startNs = System.nanoTime();
            Future<RecordMetadata> future = producer.send(new ProducerRecord<>("t", "k", "v"));
            ExecutionException failure = assertThrows(ExecutionException.class, () -> future.get(20, TimeUnit.SECONDS));
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
            assertInstanceOf(TimeoutException.class, failure.getCause());
            assertTrue(elapsedMs >= 1_400 && elapsedMs < 10_000, "failed after " + elapsedMs + " ms");
            assertTrue(producer.metrics().entrySet().stream()
                .anyMatch(e -> e.getKey().name().equals("record-error-rate") && (Double) e.getValue().metricValue() > 0));
        }
    }

    @Test
    void closeWithATimeoutFailsWhatIsLeft() throws Exception {
        serve(freePortNobodyListensOn(), request -> null);
        SamsaProducer<String, String> producer = producer("enable.idempotence", false, "acks", "1");
        Future<RecordMetadata> future = producer.send(new ProducerRecord<>("t", "k", "v"));
        long startNs = System.nanoTime();
        producer.close(Duration.ofMillis(300));
        long closeMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
        assertTrue(closeMs < 5_000, "close took " + closeMs + " ms");
        ExecutionException failure = assertThrows(ExecutionException.class, () -> future.get(5, TimeUnit.SECONDS));
        assertTrue(failure.getCause().getMessage().contains("closed forcefully"), failure.getCause().getMessage());
    }

    @Test
    void notLeaderIsRetriedAfterAMetadataRefreshAndProduceIsCappedAtV12WithoutTopicIds() throws Exception {
        int[] produceCalls = {0};
        serve(server.port(), request -> {
            if (request.header().apiKey() == ApiMessageType.PRODUCE.apiKey()) {
                return produceAnswer(produceCalls[0]++ == 0 ? ErrorCode.NOT_LEADER_OR_FOLLOWER : ErrorCode.NONE, 41);
            }
            return null;
        });
        try (SamsaProducer<String, String> producer = producer("enable.idempotence", false, "acks", "1")) {
            RecordMetadata metadata = producer.send(new ProducerRecord<>("t", "k", "v")).get(10, TimeUnit.SECONDS);
            assertEquals(41, metadata.offset());
            List<FakeKafkaServer.Received> produces = seen.stream()
                .filter(r -> r.header().apiKey() == ApiMessageType.PRODUCE.apiKey()).toList();
            assertEquals(2, produces.size());
            produces.forEach(r -> assertEquals(12, r.header().apiVersion()));
            // the refresh is asked for when the error arrives; the retry does not wait for it, so it may come after
            Await.until(Duration.ofSeconds(5), "NOT_LEADER_OR_FOLLOWER refreshes metadata", () -> seen.stream()
                .skip(seen.indexOf(produces.get(0))).anyMatch(r -> r.header().apiKey() == ApiMessageType.METADATA.apiKey()));
        }
    }

    @Test
    void unknownProducerIdBumpsTheEpochAndResendsFromSequenceZero() throws Exception {
        int[] produceCalls = {0};
        serve(server.port(), request -> {
            if (request.header().apiKey() == ApiMessageType.INIT_PRODUCER_ID.apiKey()) {
                InitProducerIdRequest init = (InitProducerIdRequest) request.body();
                short epoch = init.producerId() == 77 ? (short) (init.producerEpoch() + 1) : 0;
                return new InitProducerIdResponse().setProducerId(77).setProducerEpoch(epoch);
            }
            if (request.header().apiKey() == ApiMessageType.PRODUCE.apiKey()) {
                return produceAnswer(produceCalls[0]++ == 0 ? ErrorCode.UNKNOWN_PRODUCER_ID : ErrorCode.NONE, 0);
            }
            return null;
        });
        try (SamsaProducer<String, String> producer = producer()) {
            RecordMetadata metadata = producer.send(new ProducerRecord<>("t", "k", "v")).get(10, TimeUnit.SECONDS);
            assertEquals(0, metadata.offset());
        }
        List<FakeKafkaServer.Received> inits = seen.stream()
            .filter(r -> r.header().apiKey() == ApiMessageType.INIT_PRODUCER_ID.apiKey()).toList();
        assertEquals(2, inits.size(), "initial id, then the bump");
        InitProducerIdRequest bump = (InitProducerIdRequest) inits.get(1).body();
        assertEquals(77, bump.producerId());
        assertEquals(0, bump.producerEpoch());
        List<FakeKafkaServer.Received> produces = seen.stream()
            .filter(r -> r.header().apiKey() == ApiMessageType.PRODUCE.apiKey()).toList();
        assertEquals(2, produces.size());
        RecordBatch first = batchOf(produces.get(0));
        RecordBatch resent = batchOf(produces.get(1));
        assertEquals(77, first.producerId());
        assertEquals(0, first.producerEpoch());
        assertEquals(0, first.baseSequence());
        assertEquals(1, resent.producerEpoch());
        assertEquals(0, resent.baseSequence());
        assertTrue(resent.isChecksumValid());
        assertEquals(-1, ((ProduceRequest) produces.get(0).body()).acks(), "idempotence means acks=all");
    }

    @Test
    void badConfigFailsAtConstructionNamingTheKey() {
        ConfigException acks = assertThrows(ConfigException.class, () -> producer("acks", "2"));
        assertTrue(acks.getMessage().contains("acks"), acks.getMessage());
        ConfigException idempotence = assertThrows(ConfigException.class,
            () -> producer("enable.idempotence", true, "acks", "1"));
        assertTrue(idempotence.getMessage().contains("acks"), idempotence.getMessage());
        ConfigException compression = assertThrows(ConfigException.class, () -> producer("compression.type", "brotli"));
        assertTrue(compression.getMessage().contains("compression.type"), compression.getMessage());
        assertThrows(ConfigException.class, () -> new SamsaProducer<String, String>(Map.of("bootstrap.servers", "127.0.0.1:1")));
    }

    /** The scripted transaction coordinator's answers; {@code endTxn} decides what EndTxn gets (null: held). */
    private ApiMessage transactionalAnswer(FakeKafkaServer.Received request, Function<FakeKafkaServer.Received, ApiMessage> endTxn) {
        short key = request.header().apiKey();
        if (key == ApiMessageType.FIND_COORDINATOR.apiKey()) {
            return new FindCoordinatorResponse().setCoordinators(List.of(new FindCoordinatorResponse.Coordinator().setKey("tx")
                .setNodeId(1).setHost("127.0.0.1").setPort(server.port())));
        }
        if (key == ApiMessageType.INIT_PRODUCER_ID.apiKey()) {
            return new InitProducerIdResponse().setProducerId(50).setProducerEpoch((short) 2);
        }
        if (key == ApiMessageType.ADD_PARTITIONS_TO_TXN.apiKey()) {
            return new AddPartitionsToTxnResponse().setResultsByTopicV3AndBelow(List.of(
                new AddPartitionsToTxnResponse.AddPartitionsToTxnTopicResult().setName("t").setResultsByPartition(List.of(
                    new AddPartitionsToTxnResponse.AddPartitionsToTxnPartitionResult().setPartitionIndex(0)))));
        }
        if (key == ApiMessageType.PRODUCE.apiKey()) {
            return produceAnswer(ErrorCode.NONE, 9);
        }
        if (key == ApiMessageType.END_TXN.apiKey()) {
            return endTxn.apply(request);
        }
        return null;
    }

    private List<Short> apiKeysSeen() {
        return seen.stream().map(r -> r.header().apiKey()).filter(k -> k != ApiMessageType.METADATA.apiKey()).toList();
    }

    @Test
    void aTransactionAddsThePartitionBeforeItsTransactionalBatchAndCommitsAfterIt() throws Exception {
        serve(server.port(), request -> transactionalAnswer(request, r -> new EndTxnResponse()));
        try (SamsaProducer<String, String> producer = producer("transactional.id", "tx", "max.block.ms", 10_000)) {
            producer.initTransactions();
            producer.beginTransaction();
            Future<RecordMetadata> sent = producer.send(new ProducerRecord<>("t", 0, "k", "v"));
            producer.commitTransaction();
            assertTrue(sent.isDone(), "commit flushed the record");
            assertEquals(9, sent.get().offset());
        }
        List<Short> keys = apiKeysSeen();
        int add = keys.indexOf(ApiMessageType.ADD_PARTITIONS_TO_TXN.apiKey());
        int produce = keys.indexOf(ApiMessageType.PRODUCE.apiKey());
        int end = keys.indexOf(ApiMessageType.END_TXN.apiKey());
        assertTrue(keys.indexOf(ApiMessageType.INIT_PRODUCER_ID.apiKey()) < add && add < produce && produce < end, keys.toString());
        FakeKafkaServer.Received produceRequest = seen.stream()
            .filter(r -> r.header().apiKey() == ApiMessageType.PRODUCE.apiKey()).findFirst().orElseThrow();
        assertEquals(11, produceRequest.header().apiVersion(), "transaction version 1 stays below Produce v12");
        assertEquals("tx", ((ProduceRequest) produceRequest.body()).transactionalId());
        RecordBatch batch = batchOf(produceRequest);
        assertTrue(batch.isTransactional());
        assertEquals(50, batch.producerId());
        assertEquals(2, batch.producerEpoch());
        assertTrue(batch.isChecksumValid());
        InitProducerIdRequest init = (InitProducerIdRequest) seen.stream()
            .filter(r -> r.header().apiKey() == ApiMessageType.INIT_PRODUCER_ID.apiKey()).findFirst().orElseThrow().body();
        assertEquals("tx", init.transactionalId());
    }

    @Test
    void aCommitTimesOutAfterMaxBlockAndTheRetriedCallResumesIt() throws Exception {
        // the coordinator keeps answering CONCURRENT_TRANSACTIONS (retried every 20 ms) until released
        java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
        serve(server.port(), request -> transactionalAnswer(request, r -> new EndTxnResponse().setErrorCode(
            released.get() ? ErrorCode.NONE.code() : ErrorCode.CONCURRENT_TRANSACTIONS.code())));
        SamsaProducer<String, String> producer = producer("transactional.id", "tx", "max.block.ms", 300);
        try {
            // 300 ms is short on a loaded machine: a timed-out initTransactions is called again (it resumes)
            untilNoTimeout("initTransactions", producer::initTransactions);
            untilNoTimeout("metadata of t", () -> producer.partitionsFor("t"));
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("t", 0, "k", "v"));
            long startNs = System.nanoTime();
            TimeoutException timeout = assertThrows(TimeoutException.class, producer::commitTransaction);
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
            assertTrue(elapsedMs >= 290 && elapsedMs < 5_000, "timed out after " + elapsedMs + " ms");
            assertTrue(timeout.getMessage().contains("EndTxn"), timeout.getMessage());
            assertThrows(IllegalStateException.class, producer::abortTransaction, "the commit must be retried first");
            Await.until(Duration.ofSeconds(10), "EndTxn retried on CONCURRENT_TRANSACTIONS", () -> endTxnRequests().size() >= 2);
            released.set(true);
            producer.commitTransaction();
            assertTrue(endTxnRequests().stream().allMatch(EndTxnRequest::committed), "only the one commit, retried");
            producer.beginTransaction();
        } finally {
            producer.close(Duration.ofSeconds(5));
        }
    }

    private static void untilNoTimeout(String what, Runnable call) {
        Await.until(Duration.ofSeconds(10), what, () -> {
            try {
                call.run();
                return true;
            } catch (TimeoutException e) {
                return false;
            }
        });
    }

    private List<EndTxnRequest> endTxnRequests() {
        return seen.stream().filter(r -> r.header().apiKey() == ApiMessageType.END_TXN.apiKey())
            .map(r -> (EndTxnRequest) r.body()).toList();
    }

    @Test
    void transactionalMethodsNeedATransactionalIdAndTheRightState() {
        serve(server.port(), request -> transactionalAnswer(request, r -> new EndTxnResponse()));
        try (SamsaProducer<String, String> plain = producer()) {
            assertThrows(IllegalStateException.class, plain::initTransactions);
            assertThrows(IllegalStateException.class, plain::beginTransaction);
        }
        try (SamsaProducer<String, String> producer = producer("transactional.id", "tx")) {
            assertThrows(IllegalStateException.class, () -> producer.send(new ProducerRecord<>("t", 0, "k", "v")),
                "send before initTransactions");
            producer.initTransactions();
            assertThrows(IllegalStateException.class, () -> producer.send(new ProducerRecord<>("t", 0, "k", "v")),
                "send outside a transaction");
            assertThrows(IllegalStateException.class, producer::commitTransaction, "commit without begin");
            producer.beginTransaction();
            assertThrows(IllegalStateException.class, producer::beginTransaction, "begin twice");
        }
        ConfigException noIdempotence = assertThrows(ConfigException.class,
            () -> producer("transactional.id", "tx", "enable.idempotence", false));
        assertTrue(noIdempotence.getMessage().contains("transactional.id"), noIdempotence.getMessage());
    }
}
