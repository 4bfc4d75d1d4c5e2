package io.samsa.metadata.quorum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.metadata.controller.api.BrokerHeartbeatRequest;
import io.samsa.metadata.controller.api.BrokerHeartbeatResponse;
import io.samsa.metadata.controller.api.CreatableTopic;
import io.samsa.metadata.controller.api.CreatePartitionsTopic;
import io.samsa.metadata.controller.api.CreateTopicResult;
import io.samsa.metadata.controller.api.RegisterBrokerRequest;
import io.samsa.metadata.controller.api.RegisterBrokerResponse;
import io.samsa.metadata.controller.api.TopicResult;
import io.samsa.metadata.controller.api.ApiError;
import io.samsa.metadata.controller.api.ElectionType;
import io.samsa.metadata.controller.api.OngoingReassignment;
import io.samsa.metadata.controller.api.Reassignment;
import io.samsa.metadata.controller.api.TopicPartitionName;
import io.samsa.metadata.image.Endpoint;
import io.samsa.metadata.image.PartitionRegistration;
import io.samsa.metadata.rpc.ControllerRpc;
import io.samsa.metadata.rpc.ControllerRpcs;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.types.Uuid;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Controller operations forwarded from any voter to the active controller (three voters in one
 * JVM, shared by the cases in order): registration and heartbeats from followers, topic operations
 * with every field through the protobuf round trip, and a leader stop retried to the next leader.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ControllerForwardingTest {
    private static final long DEADLINE_MS = 15_000;
    private TestQuorum quorum;
    private int lonelyNode = 1;

    @BeforeAll
    void startQuorum(@TempDir Path root) throws IOException {
        quorum = new TestQuorum(root, 3, Map.of());
        quorum.startAll();
        quorum.awaitActive();
    }

    @AfterAll
    void stopQuorum() {
        quorum.close();
    }

    private int follower() {
        int leader = quorum.awaitActive();
        return quorum.running().stream().filter(id -> id != leader).findFirst().orElseThrow();
    }

    private <T> T forward(int node, ControllerRpc<T> rpc) {
        try {
            return quorum.node(node).forward(rpc, DEADLINE_MS).get(DEADLINE_MS + 5_000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("forwarded from node " + node, e);
        }
    }

    @Test
    @Order(1)
    void brokersRegisterAndHeartbeatFromFollowers() {
        for (int id = 1; id <= 3; id++) {
            int broker = id;
            int from = follower();
            RegisterBrokerResponse registered = forward(from, ControllerRpcs.registerBroker(new RegisterBrokerRequest(
                    broker, quorum.node(from).clusterId(), new Uuid(7, broker),
                    List.of(new Endpoint("PLAINTEXT", "127.0.0.1", 9000 + broker, "PLAINTEXT")), Optional.of("r1"))));
            assertEquals(ErrorCode.NONE, registered.error().error(), registered.error().message());
            assertTrue(registered.brokerEpoch() >= 0);
            quorum.awaitAll("broker " + broker, image -> image.broker(broker) != null);
            long offset = quorum.node(from).currentImage().offset();
            BrokerHeartbeatResponse beat = forward(from, ControllerRpcs.brokerHeartbeat(
                    new BrokerHeartbeatRequest(broker, registered.brokerEpoch(), offset, false, false)));
            assertEquals(ErrorCode.NONE, beat.error().error(), beat.error().message());
            assertFalse(beat.isFenced(), "caught up, so unfenced");
        }
        int b = 2;
        quorum.awaitAll("three unfenced brokers", image -> image.brokers().size() == 3
                && image.brokers().values().stream().noneMatch(r -> r.fenced()));
        assertEquals(Optional.of("r1"), quorum.node(1).currentImage().broker(b).rack());
        assertEquals(List.of(new Endpoint("PLAINTEXT", "127.0.0.1", 9002, "PLAINTEXT")),
                quorum.node(1).currentImage().broker(b).endpoints());
    }

    @Test
    @Order(2)
    void aTopicCreatedOnAFollowerCommitsEverywhere() {
        int from = follower();
        CreateTopicResult validated = forward(from, ControllerRpcs.createTopics(
                List.of(CreatableTopic.of("dry", 2, 3)), true)).get(0);
        assertEquals(ErrorCode.NONE, validated.error().error());
        CreateTopicResult tooMany = forward(from, ControllerRpcs.createTopics(
                List.of(CreatableTopic.of("wide", 1, 4)), false)).get(0);
        assertEquals(ErrorCode.INVALID_REPLICATION_FACTOR, tooMany.error().error());

        CreateTopicResult created = forward(from, ControllerRpcs.createTopics(List.of(
                new CreatableTopic("placed", -1, (short) -1, Map.of(0, List.of(3, 1, 2), 1, List.of(2, 3, 1)),
                        Map.of("cleanup.policy", "compact"))), false)).get(0);
        assertEquals(ErrorCode.NONE, created.error().error(), created.error().message());
        assertEquals(2, created.numPartitions());
        assertEquals(3, created.replicationFactor());
        quorum.awaitAll("topic placed", image -> image.topic("placed") != null);
        assertTrue(quorum.node(1).currentImage().topic("dry") == null, "validate_only wrote nothing");
        PartitionRegistration p0 = quorum.node(1).currentImage().topic("placed").partitions().get(0);
        assertEquals(List.of(3, 1, 2), java.util.Arrays.stream(p0.replicas()).boxed().toList());
        assertEquals(3, p0.leader());

        List<TopicResult> grown = forward(from, ControllerRpcs.createPartitions(
                List.of(new CreatePartitionsTopic("placed", 3, List.of(List.of(1, 2, 3)))), false));
        assertEquals(ErrorCode.NONE, grown.get(0).error().error(), grown.get(0).error().message());
        quorum.awaitAll("three partitions", image -> image.topic("placed").partitions().size() == 3);

        List<TopicResult> deleted = forward(from, ControllerRpcs.deleteTopics(List.of("placed"),
                List.of(new Uuid(5, 5))));
        assertEquals(2, deleted.size());
        assertEquals(ErrorCode.NONE, deleted.get(0).error().error());
        assertEquals(created.topicId(), deleted.get(0).topicId());
        assertEquals(ErrorCode.UNKNOWN_TOPIC_ID, deleted.get(1).error().error());
        quorum.awaitAll("topic placed gone", image -> image.topic("placed") == null);
    }

    @Test
    @Order(3)
    void electionsAndReassignmentsRunOnTheControllerFromAFollower() {
        int from = follower();
        CreateTopicResult created = forward(from, ControllerRpcs.createTopics(List.of(new CreatableTopic("moved", -1,
                (short) -1, Map.of(0, List.of(1, 2, 3)), Map.of())), false)).get(0);
        assertEquals(ErrorCode.NONE, created.error().error(), created.error().message());
        quorum.awaitAll("topic moved", image -> image.topic("moved") != null);
        TopicPartitionName p0 = new TopicPartitionName("moved", 0);
        TopicPartitionName absent = new TopicPartitionName("moved", 7);

        Map<TopicPartitionName, ApiError> notNeeded = forward(from, ControllerRpcs.electLeaders(ElectionType.PREFERRED,
                Optional.of(List.of(p0, absent))));
        assertEquals(ErrorCode.ELECTION_NOT_NEEDED, notNeeded.get(p0).error());
        assertEquals(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, notNeeded.get(absent).error());

        // a reorder completes at once; the preferred election then moves the leader to the new first replica
        Map<TopicPartitionName, ApiError> reordered = forward(from, ControllerRpcs.alterPartitionReassignments(
                List.of(new Reassignment(p0, Optional.of(List.of(2, 3, 1))))));
        assertEquals(ErrorCode.NONE, reordered.get(p0).error(), reordered.get(p0).message());
        quorum.awaitAll("replicas reordered", image -> image.topic("moved").partition(0).preferredLeader() == 2);
        Map<TopicPartitionName, ApiError> elected = forward(from, ControllerRpcs.electLeaders(ElectionType.PREFERRED,
                Optional.empty()));
        assertEquals(ErrorCode.NONE, elected.get(p0).error(), elected.get(p0).message());
        quorum.awaitAll("leader 2", image -> image.topic("moved").partition(0).leader() == 2);

        // shrinking to ISR members completes at once; growing back to 3 waits for 3 to join the ISR
        forward(from, ControllerRpcs.alterPartitionReassignments(List.of(new Reassignment(p0, Optional.of(List.of(2, 1))))));
        quorum.awaitAll("two replicas", image -> image.topic("moved").partition(0).replicas().length == 2);
        Map<TopicPartitionName, ApiError> grown = forward(from, ControllerRpcs.alterPartitionReassignments(
                List.of(new Reassignment(p0, Optional.of(List.of(2, 1, 3))), new Reassignment(absent, Optional.empty()))));
        assertEquals(ErrorCode.NONE, grown.get(p0).error(), grown.get(p0).message());
        assertEquals(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, grown.get(absent).error());
        quorum.awaitAll("reassigning", image -> image.topic("moved").partition(0).isReassigning());
        List<OngoingReassignment> ongoing = forward(from, ControllerRpcs.listPartitionReassignments(Optional.empty()));
        assertEquals(List.of(new OngoingReassignment(p0, List.of(2, 1, 3), List.of(3), List.of())), ongoing);
        assertEquals(ongoing, forward(from, ControllerRpcs.listPartitionReassignments(Optional.of(List.of(p0, absent)))));

        Map<TopicPartitionName, ApiError> cancelled = forward(from, ControllerRpcs.alterPartitionReassignments(
                List.of(new Reassignment(p0, Optional.empty()))));
        assertEquals(ErrorCode.NONE, cancelled.get(p0).error(), cancelled.get(p0).message());
        quorum.awaitAll("cancelled", image -> !image.topic("moved").partition(0).isReassigning());
        assertEquals(ErrorCode.NO_REASSIGNMENT_IN_PROGRESS, forward(from, ControllerRpcs.alterPartitionReassignments(
                List.of(new Reassignment(p0, Optional.empty())))).get(p0).error());
        assertEquals(List.of(), forward(from, ControllerRpcs.listPartitionReassignments(Optional.empty())));
    }

    @Test
    @Order(4)
    void aLeaderStoppedMidwayIsRetriedToTheNextLeader() {
        int leader = quorum.awaitActive();
        int from = follower();
        quorum.stop(leader);
        CreateTopicResult created = forward(from, ControllerRpcs.createTopics(
                List.of(CreatableTopic.of("after-the-leader", 1, 2)), false)).get(0);
        assertEquals(ErrorCode.NONE, created.error().error(), created.error().message());
        int next = quorum.awaitActive();
        assertNotEquals(leader, next);
        quorum.awaitAll("the topic after the stop", image -> image.topic("after-the-leader") != null);
    }

    @Test
    @Order(5)
    void withoutAMajorityAForwardFailsByItsDeadline() throws Exception {
        int last = quorum.running().get(0);
        quorum.running().stream().filter(id -> id != last).forEach(quorum::stop);
        long startNs = System.nanoTime();
        ExecutionException failed = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> quorum.node(last).forward(ControllerRpcs.createTopics(List.of(CreatableTopic.of("lost", 1, 1)),
                        false), 3_000).get(30, TimeUnit.SECONDS));
        long tookMs = (System.nanoTime() - startNs) / 1_000_000;
        MetadataQuorumException cause = assertInstanceOf(MetadataQuorumException.class, failed.getCause());
        assertTrue(cause.error().error() == ErrorCode.NOT_CONTROLLER
                || cause.error().error() == ErrorCode.REQUEST_TIMED_OUT, cause.getMessage());
        assertTrue(tookMs < 3_000 + TestQuorum.REQUEST_TIMEOUT_MS + 4_000, "took " + tookMs + " ms");
        lonelyNode = last;
    }

    @Test
    @Order(6)
    void aNodeWhoseForwardFailedForwardsAgainOnceTheQuorumIsBack() throws IOException {
        for (int id = 1; id <= 3; id++) {
            if (quorum.node(id) == null) {
                quorum.start(id);
            }
        }
        CreateTopicResult created = forward(lonelyNode, ControllerRpcs.createTopics(
                List.of(CreatableTopic.of("back-again", 1, 1)), false)).get(0);
        assertEquals(ErrorCode.NONE, created.error().error(), created.error().message());
    }
}
