package io.samsa.broker.transaction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.samsa.broker.Broker;
import io.samsa.broker.BrokerAssembly;
import io.samsa.broker.data.RawClient;
import io.samsa.broker.data.RawRequests;
import io.samsa.broker.testing.TestBrokers;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.AddPartitionsToTxnRequest;
import io.samsa.protocol.message.AddPartitionsToTxnRequest.AddPartitionsToTxnTopic;
import io.samsa.protocol.message.AddPartitionsToTxnRequest.AddPartitionsToTxnTransaction;
import io.samsa.protocol.message.AddPartitionsToTxnResponse;
import io.samsa.protocol.message.AddPartitionsToTxnResponse.AddPartitionsToTxnPartitionResult;
import io.samsa.protocol.message.CreateTopicsRequest;
import io.samsa.protocol.message.CreateTopicsResponse;
import io.samsa.protocol.message.DescribeTransactionsRequest;
import io.samsa.protocol.message.DescribeTransactionsResponse;
import io.samsa.protocol.message.EndTxnRequest;
import io.samsa.protocol.message.EndTxnResponse;
import io.samsa.protocol.message.FindCoordinatorRequest;
import io.samsa.protocol.message.FindCoordinatorResponse;
import io.samsa.protocol.message.InitProducerIdRequest;
import io.samsa.protocol.message.InitProducerIdResponse;
import io.samsa.protocol.message.ListOffsetsRequest;
import io.samsa.protocol.message.ListOffsetsResponse;
import io.samsa.protocol.message.ListTransactionsRequest;
import io.samsa.protocol.message.ListTransactionsResponse;
import io.samsa.protocol.message.ProduceResponse;
import io.samsa.protocol.message.WriteTxnMarkersRequest;
import io.samsa.protocol.message.WriteTxnMarkersRequest.WritableTxnMarker;
import io.samsa.protocol.message.WriteTxnMarkersRequest.WritableTxnMarkerTopic;
import io.samsa.protocol.message.WriteTxnMarkersResponse;
import io.samsa.protocol.record.CompressionType;
import io.samsa.protocol.testing.Await;
import io.samsa.protocol.util.Time;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transaction APIs with raw requests through a real broker socket, version rules included. */
class TransactionApisRawTest {
    private static final String ID = "raw-txn";
    private static final String TOPIC = "raw-txn-topic";

    @TempDir
    Path dir;
    private Broker broker;
    private RawClient client;

    @BeforeEach
    void start() throws Exception {
        broker = BrokerAssembly.build(TestBrokers.config(Map.of("log.dirs", dir.toString(),
                "transaction.state.log.num.partitions", "2", "transaction.max.timeout.ms", "60000")), Time.SYSTEM).start();
        client = new RawClient(broker.boundPort());
        CreateTopicsResponse created = client.call(new CreateTopicsRequest().setTimeoutMs(10_000).setTopics(new ArrayList<>(List.of(
                new CreateTopicsRequest.CreatableTopic().setName(TOPIC).setNumPartitions(2).setReplicationFactor((short) 1)))), 7);
        assertEquals(ErrorCode.NONE.code(), created.topics().get(0).errorCode());
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        broker.close();
    }

    private InitProducerIdResponse init(int timeoutMs, int version) throws Exception {
        return client.call(new InitProducerIdRequest().setTransactionalId(ID).setTransactionTimeoutMs(timeoutMs)
                .setProducerId(-1).setProducerEpoch((short) -1), version);
    }

    /** FindCoordinator until the coordinator is loaded, then InitProducerId until it is answered. */
    private InitProducerIdResponse initWhenLoaded() {
        InitProducerIdResponse[] answer = new InitProducerIdResponse[1];
        Await.until(Duration.ofSeconds(20), "the transaction coordinator answers", () -> {
            try {
                FindCoordinatorResponse found = client.call(new FindCoordinatorRequest().setKey(ID).setKeyType((byte) 1), 3);
                if (found.errorCode() != ErrorCode.NONE.code()) {
                    return false;
                }
                answer[0] = init(30_000, 4);
                return answer[0].errorCode() == ErrorCode.NONE.code();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        return answer[0];
    }

    private AddPartitionsToTxnResponse add(long producerId, short epoch, String topic, int partition, int version) throws Exception {
        return client.call(new AddPartitionsToTxnRequest().setV3AndBelowTransactionalId(ID).setV3AndBelowProducerId(producerId)
                .setV3AndBelowProducerEpoch(epoch).setV3AndBelowTopics(new ArrayList<>(List.of(new AddPartitionsToTxnTopic()
                        .setName(topic).setPartitions(new ArrayList<>(List.of(partition)))))), version);
    }

    private static short partitionError(AddPartitionsToTxnResponse response) {
        return response.resultsByTopicV3AndBelow().get(0).resultsByPartition().get(0).partitionErrorCode();
    }

    private long latestOffset(int partition) throws Exception {
        ListOffsetsResponse offsets = client.call(new ListOffsetsRequest().setReplicaId(-1).setTopics(new ArrayList<>(List.of(
                new ListOffsetsRequest.ListOffsetsTopic().setName(TOPIC).setPartitions(new ArrayList<>(List.of(
                        new ListOffsetsRequest.ListOffsetsPartition().setPartitionIndex(partition).setTimestamp(-1))))))), 7);
        return offsets.topics().get(0).partitions().get(0).offset();
    }

    @Test
    void findCoordinatorAndInitProducerIdWithATransactionalId() throws Exception {
        InitProducerIdResponse first = initWhenLoaded();
        assertEquals(0, first.producerEpoch());
        FindCoordinatorResponse found = client.call(new FindCoordinatorRequest().setKey(ID).setKeyType((byte) 1), 3);
        assertEquals(broker.boundPort(), found.port());
        assertEquals(ErrorCode.INVALID_TRANSACTION_TIMEOUT.code(), init(0, 4).errorCode());
        assertEquals(ErrorCode.INVALID_TRANSACTION_TIMEOUT.code(), init(60_001, 4).errorCode());
        InitProducerIdResponse second = init(30_000, 4);
        assertEquals(first.producerId(), second.producerId());
        assertEquals(1, second.producerEpoch());
        // KIP-360 bump naming a stale epoch: PRODUCER_FENCED from v4, INVALID_PRODUCER_EPOCH before
        InitProducerIdRequest stale = new InitProducerIdRequest().setTransactionalId(ID).setTransactionTimeoutMs(30_000)
                .setProducerId(first.producerId()).setProducerEpoch((short) 9);
        assertEquals(ErrorCode.PRODUCER_FENCED.code(), client.<InitProducerIdResponse>call(stale, 4).errorCode());
        assertEquals(ErrorCode.INVALID_PRODUCER_EPOCH.code(), client.<InitProducerIdResponse>call(stale, 3).errorCode());
    }

    @Test
    void addPartitionsAnswersPerVersionAndRefusesUnknownPartitions() throws Exception {
        InitProducerIdResponse producer = initWhenLoaded();
        AddPartitionsToTxnResponse unknown = add(producer.producerId(), producer.producerEpoch(), "no-such-topic", 0, 3);
        assertEquals(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.code(), partitionError(unknown));
        assertEquals(ErrorCode.PRODUCER_FENCED.code(), partitionError(add(producer.producerId(), (short) 5, TOPIC, 0, 3)));
        assertEquals(ErrorCode.INVALID_PRODUCER_EPOCH.code(), partitionError(add(producer.producerId(), (short) 5, TOPIC, 0, 1)));
        assertEquals(ErrorCode.INVALID_PRODUCER_ID_MAPPING.code(), partitionError(add(producer.producerId() + 1, (short) 0, TOPIC, 0, 3)));
        assertEquals(ErrorCode.NONE.code(), partitionError(add(producer.producerId(), producer.producerEpoch(), TOPIC, 0, 3)));

        AddPartitionsToTxnResponse verified = client.call(new AddPartitionsToTxnRequest().setTransactions(new ArrayList<>(List.of(
                new AddPartitionsToTxnTransaction().setTransactionalId(ID).setProducerId(producer.producerId())
                        .setProducerEpoch(producer.producerEpoch()).setVerifyOnly(true)
                        .setTopics(new ArrayList<>(List.of(new AddPartitionsToTxnTopic().setName(TOPIC)
                                .setPartitions(new ArrayList<>(List.of(0, 1))))))))), 4);
        List<AddPartitionsToTxnPartitionResult> results = verified.resultsByTransaction().get(0).topicResults().get(0).resultsByPartition();
        assertEquals(ErrorCode.NONE.code(), results.get(0).partitionErrorCode(), "partition 0 is in the transaction");
        assertEquals(ErrorCode.INVALID_TXN_STATE.code(), results.get(1).partitionErrorCode(), "partition 1 is not");
    }

    @Test
    void aCommitWritesTheMarkerAfterTheTransactionsRecords() throws Exception {
        InitProducerIdResponse producer = initWhenLoaded();
        assertEquals(ErrorCode.NONE.code(), partitionError(add(producer.producerId(), producer.producerEpoch(), TOPIC, 1, 3)));
        ByteBuffer records = io.samsa.protocol.record.RecordBatchBuilder.create(CompressionType.NONE)
                .producer(producer.producerId(), producer.producerEpoch(), 0).transactional(true)
                .append(System.currentTimeMillis(), ByteBuffer.wrap(new byte[] {1}), ByteBuffer.wrap(new byte[] {2}), List.of()).build();
        ProduceResponse produced = client.call(RawRequests.produce(TOPIC, 1, (short) -1, records).setTransactionalId(ID), 9);
        assertEquals(ErrorCode.NONE.code(), produced.responses().get(0).partitionResponses().get(0).errorCode());

        EndTxnRequest end = new EndTxnRequest().setTransactionalId(ID).setProducerId(producer.producerId()).setCommitted(true);
        assertEquals(ErrorCode.INVALID_PRODUCER_EPOCH.code(),
                client.<EndTxnResponse>call(end.setProducerEpoch((short) 7), 1).errorCode(), "v1 knows no PRODUCER_FENCED");
        assertEquals(ErrorCode.PRODUCER_FENCED.code(), client.<EndTxnResponse>call(end.setProducerEpoch((short) 7), 3).errorCode());
        assertEquals(ErrorCode.NONE.code(), client.<EndTxnResponse>call(end.setProducerEpoch(producer.producerEpoch()), 3).errorCode());
        Await.until(Duration.ofSeconds(10), "CompleteCommit", () -> describedState().equals("CompleteCommit"));
        assertEquals(2, latestOffset(1), "the record, then the commit marker");
        assertEquals(0, latestOffset(0), "a partition outside the transaction gets no marker");
        ListTransactionsResponse listed = client.call(new ListTransactionsRequest().setStateFilters(new ArrayList<>(List.of(
                "CompleteCommit", "Bogus"))), 1);
        assertEquals(List.of("Bogus"), listed.unknownStateFilters());
        assertEquals(List.of(ID), listed.transactionStates().stream().map(ListTransactionsResponse.TransactionState::transactionalId).toList());
    }

    @Test
    void writeTxnMarkersAppendsAMarkerToEachLocalPartition() throws Exception {
        List<WritableTxnMarkerTopic> markerTopics = new ArrayList<>(List.of(
                new WritableTxnMarkerTopic().setName(TOPIC).setPartitionIndexes(new ArrayList<>(List.of(0, 1))),
                new WritableTxnMarkerTopic().setName("gone").setPartitionIndexes(new ArrayList<>(List.of(0)))));
        WritableTxnMarker marker = new WritableTxnMarker().setProducerId(4242).setProducerEpoch((short) 0)
                .setTransactionResult(false).setCoordinatorEpoch(0).setTopics(markerTopics);
        WriteTxnMarkersResponse response = client.call(new WriteTxnMarkersRequest().setMarkers(new ArrayList<>(List.of(marker))), 1);
        var topics = response.markers().get(0).topics();
        assertEquals(ErrorCode.NONE.code(), topics.get(0).partitions().get(0).errorCode());
        assertEquals(ErrorCode.NONE.code(), topics.get(0).partitions().get(1).errorCode());
        assertEquals(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.code(), topics.get(1).partitions().get(0).errorCode());
        assertEquals(1, latestOffset(0));
        assertEquals(1, latestOffset(1));
    }

    private String describedState() {
        try {
            DescribeTransactionsResponse described = client.call(new DescribeTransactionsRequest()
                    .setTransactionalIds(new ArrayList<>(List.of(ID))), 0);
            return described.transactionStates().get(0).transactionState();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
