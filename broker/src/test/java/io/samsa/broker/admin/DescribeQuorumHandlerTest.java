package io.samsa.broker.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.broker.api.RequestContext;
import io.samsa.metadata.quorum.QuorumStatus;
import io.samsa.metadata.quorum.VoterAddress;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.message.DescribeQuorumRequest;
import io.samsa.protocol.message.DescribeQuorumResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.DescribeQuorumResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

/** DescribeQuorum as kafka-clients 4.1 builds the request and parses the answer, v0 to 2. */
class DescribeQuorumHandlerTest {
    private static final List<VoterAddress> VOTERS = List.of(new VoterAddress(1, "h1", 9093),
            new VoterAddress(2, "h2", 9094), new VoterAddress(3, "h3", 9095));

    private static final QuorumStatus LEADERS_VIEW = new QuorumStatus(2, 5, 40, List.of(
            new QuorumStatus.ReplicaState(2, 41, 1000, 1000), new QuorumStatus.ReplicaState(1, 40, 990, 990)));
    private static final QuorumStatus OWN_VIEW = new QuorumStatus(-1, 5, 39, List.of(new QuorumStatus.ReplicaState(3, 39, 1000, 1000)));

    private final DescribeQuorumHandler handler = new DescribeQuorumHandler(
            () -> CompletableFuture.completedFuture(LEADERS_VIEW), () -> OWN_VIEW, VOTERS, "CONTROLLER");
    private final DescribeQuorumHandler leaderless = new DescribeQuorumHandler(
            () -> CompletableFuture.failedFuture(new IllegalStateException("no controller answered")), () -> OWN_VIEW,
            VOTERS, "CONTROLLER");

    private static org.apache.kafka.common.requests.DescribeQuorumResponse ask(DescribeQuorumHandler handler,
                                                                              TopicPartition partition, short version) {
        DescribeQuorumResponse answer = handler.handle(RequestContext.inProcess(ApiKey.DESCRIBE_QUORUM.id(), version),
                kafkaRequest(partition, version)).join();
        return KafkaWire.toKafka(answer, version);
    }

    private static DescribeQuorumRequest kafkaRequest(TopicPartition partition, short version) {
        return KafkaWire.fromKafka(new org.apache.kafka.common.requests.DescribeQuorumRequest.Builder(
                org.apache.kafka.common.requests.DescribeQuorumRequest.singletonRequest(partition)).build(version),
                DescribeQuorumRequest::new);
    }

    @Test
    void everyVersionReportsTheLeaderTheHighWatermarkAndEachVoter() {
        for (short version = 0; version <= 2; version++) {
            org.apache.kafka.common.requests.DescribeQuorumResponse parsed = ask(handler,
                    new TopicPartition("__cluster_metadata", 0), version);
            assertEquals(Errors.NONE.code(), parsed.data().errorCode());
            DescribeQuorumResponseData.PartitionData partition = parsed.data().topics().get(0).partitions().get(0);
            assertEquals("__cluster_metadata", parsed.data().topics().get(0).topicName());
            assertEquals(2, partition.leaderId());
            assertEquals(5, partition.leaderEpoch());
            assertEquals(40, partition.highWatermark());
            assertEquals(List.of(1, 2, 3), partition.currentVoters().stream().map(v -> v.replicaId()).toList());
            assertEquals(List.of(40L, 41L, -1L), partition.currentVoters().stream().map(v -> v.logEndOffset()).toList());
            assertTrue(partition.observers().isEmpty());
            if (version >= 1) {
                assertEquals(990, partition.currentVoters().get(0).lastCaughtUpTimestamp());
                assertEquals(-1, partition.currentVoters().get(2).lastFetchTimestamp());
            }
            if (version >= 2) {
                assertEquals(3, parsed.data().nodes().size());
                DescribeQuorumResponseData.Listener listener = parsed.data().nodes().find(3).listeners().find("CONTROLLER");
                assertEquals("h3", listener.host());
                assertEquals(9095, listener.port());
            }
        }
    }

    @Test
    void anotherTopicOrPartitionIsUnknown() {
        org.apache.kafka.common.requests.DescribeQuorumResponse parsed = ask(handler, new TopicPartition("__cluster_metadata", 1),
                (short) 2);
        assertEquals(Errors.UNKNOWN_TOPIC_OR_PARTITION.code(), parsed.data().topics().get(0).partitions().get(0).errorCode());
        assertEquals(1, parsed.data().topics().get(0).partitions().get(0).partitionIndex());
    }

    @Test
    void withoutALeaderTheNodeAnswersWithItsOwnView() {
        org.apache.kafka.common.requests.DescribeQuorumResponse parsed = ask(leaderless, new TopicPartition("__cluster_metadata", 0),
                (short) 2);
        assertEquals(Errors.NONE.code(), parsed.data().errorCode());
        DescribeQuorumResponseData.PartitionData partition = parsed.data().topics().get(0).partitions().get(0);
        assertEquals(-1, partition.leaderId());
        assertEquals(39, partition.highWatermark());
        assertEquals(List.of(-1L, -1L, 39L), partition.currentVoters().stream().map(v -> v.logEndOffset()).toList());
    }
}
