package io.samsa.client.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.samsa.client.common.TopicPartition;
import io.samsa.client.errors.GroupIdNotFoundException;
import io.samsa.client.errors.TimeoutException;
import io.samsa.client.testing.FakeKafkaServer;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.ApiMessageType;
import io.samsa.protocol.message.ConsumerProtocolAssignment;
import io.samsa.protocol.message.DescribeGroupsResponse;
import io.samsa.protocol.message.FindCoordinatorResponse;
import io.samsa.protocol.message.ListOffsetsResponse;
import io.samsa.protocol.message.MetadataResponse;
import io.samsa.protocol.types.ApiMessage;
import io.samsa.protocol.types.ByteBufferWritable;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The admin client against a scripted broker: errors a real broker produces only in failure
 * scenarios (moved coordinator, moved leader, a group that stays unavailable), and the request
 * layouts of older brokers that Kafka 4.1 no longer exercises.
 */
class SamsaAdminScriptedTest {
    private FakeKafkaServer server;
    private SamsaAdmin admin;
    private final List<Short> seenKeys = new ArrayList<>();
    private final Map<Short, Integer> calls = new HashMap<>();

    @BeforeEach
    void setUp() {
        server = new FakeKafkaServer();
    }

    /** Connects only now, so a test can change the advertised versions first. */
    private SamsaAdmin admin() {
        if (admin == null) {
            admin = createAdmin();
        }
        return admin;
    }

    private SamsaAdmin createAdmin() {
        return SamsaAdmin.create(Map.of("bootstrap.servers", "127.0.0.1:" + server.port(),
            "request.timeout.ms", "2000", "default.api.timeout.ms", "2000", "retry.backoff.ms", "10", "retry.backoff.max.ms", "20"));
    }

    @AfterEach
    void tearDown() {
        if (admin != null) {
            admin.close();
        }
        server.close();
    }

    /** Answers requests by the script until {@code future} completes. */
    private <T> T serve(CompletableFuture<T> future, Function<FakeKafkaServer.Received, ApiMessage> script) throws Exception {
        long deadlineNs = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!future.isDone() && System.nanoTime() < deadlineNs) {
            FakeKafkaServer.Received request = server.poll(Duration.ofMillis(50));
            if (request != null) {
                short key = request.header().apiKey();
                seenKeys.add(key);
                calls.merge(key, 1, Integer::sum);
                request.respond(key == ApiMessageType.METADATA.apiKey() ? metadata() : script.apply(request));
            }
        }
        return future.get();
    }

    private int calls(ApiMessageType type) {
        return calls.getOrDefault(type.apiKey(), 0);
    }

    private MetadataResponse metadata() {
        return new MetadataResponse().setClusterId("fake").setControllerId(1)
            .setBrokers(List.of(new MetadataResponse.MetadataResponseBroker().setNodeId(1).setHost("127.0.0.1").setPort(server.port())))
            .setTopics(List.of(new MetadataResponse.MetadataResponseTopic().setName("t").setPartitions(List.of(
                new MetadataResponse.MetadataResponsePartition().setPartitionIndex(0).setLeaderId(1)
                    .setReplicaNodes(List.of(1)).setIsrNodes(List.of(1))))));
    }

    private FindCoordinatorResponse coordinatorIsNode1() {
        return new FindCoordinatorResponse().setCoordinators(List.of(new FindCoordinatorResponse.Coordinator()
            .setKey("g").setNodeId(1).setHost("127.0.0.1").setPort(server.port())));
    }

    private static byte[] assignmentBytes(short version) {
        ConsumerProtocolAssignment assignment = new ConsumerProtocolAssignment().setAssignedPartitions(List.of(
            new ConsumerProtocolAssignment.TopicPartition().setTopic("t").setPartitions(List.of(0, 2))));
        ByteBuffer buffer = ByteBuffer.allocate(2 + assignment.size(version));
        buffer.putShort(version);
        assignment.write(new ByteBufferWritable(buffer), version);
        return buffer.array();
    }

    @Test
    void aMovedCoordinatorIsLookedUpAgain() throws Exception {
        CompletableFuture<ConsumerGroupDescription> described = admin().describeConsumerGroups(List.of("g")).value("g");
        ConsumerGroupDescription description = serve(described, request -> {
            if (request.header().apiKey() == ApiMessageType.FIND_COORDINATOR.apiKey()) {
                return coordinatorIsNode1();
            }
            DescribeGroupsResponse.DescribedGroup group = new DescribeGroupsResponse.DescribedGroup().setGroupId("g");
            if (calls(ApiMessageType.DESCRIBE_GROUPS) == 1) {
                return new DescribeGroupsResponse().setGroups(List.of(group.setErrorCode(ErrorCode.NOT_COORDINATOR.code())));
            }
            return new DescribeGroupsResponse().setGroups(List.of(group.setGroupState("Stable").setProtocolType("consumer")
                .setProtocolData("range").setMembers(List.of(new DescribeGroupsResponse.DescribedGroupMember()
                    .setMemberId("m1").setClientId("c1").setClientHost("/127.0.0.1").setMemberAssignment(assignmentBytes((short) 3))))));
        });
        assertEquals(2, calls(ApiMessageType.FIND_COORDINATOR), "NOT_COORDINATOR dropped the cached coordinator");
        assertEquals(2, calls(ApiMessageType.DESCRIBE_GROUPS));
        assertEquals("range", description.partitionAssignor());
        assertEquals(Set.of(new TopicPartition("t", 0), new TopicPartition("t", 2)), description.members().get(0).assignment());
    }

    @Test
    void aDeadGroupIsNotFound() throws Exception {
        CompletableFuture<ConsumerGroupDescription> described = admin().describeConsumerGroups(List.of("g")).value("g");
        try {
            serve(described, request -> request.header().apiKey() == ApiMessageType.FIND_COORDINATOR.apiKey()
                ? coordinatorIsNode1()
                : new DescribeGroupsResponse().setGroups(List.of(new DescribeGroupsResponse.DescribedGroup().setGroupId("g")
                    .setGroupState("Dead").setProtocolType(""))));
            throw new AssertionError("expected a failure");
        } catch (ExecutionException e) {
            assertInstanceOf(GroupIdNotFoundException.class, e.getCause());
        }
    }

    @Test
    void aMovedLeaderIsFoundThroughFreshMetadata() throws Exception {
        TopicPartition tp = new TopicPartition("t", 0);
        CompletableFuture<ListOffsetsResultInfo> offset = admin().listOffsets(Map.of(tp, OffsetSpec.latest())).value(tp);
        ListOffsetsResultInfo info = serve(offset, request -> {
            ListOffsetsResponse.ListOffsetsPartitionResponse p = new ListOffsetsResponse.ListOffsetsPartitionResponse()
                .setPartitionIndex(0);
            if (calls(ApiMessageType.LIST_OFFSETS) == 1) {
                p.setErrorCode(ErrorCode.NOT_LEADER_OR_FOLLOWER.code());
            } else {
                p.setOffset(42).setTimestamp(-1).setLeaderEpoch(3);
            }
            return new ListOffsetsResponse().setTopics(List.of(new ListOffsetsResponse.ListOffsetsTopicResponse().setName("t")
                .setPartitions(List.of(p))));
        });
        assertEquals(42, info.offset());
        assertEquals(3, info.leaderEpoch().orElseThrow());
        assertEquals(2, calls(ApiMessageType.LIST_OFFSETS));
        int listOffsetsAt = seenKeys.indexOf(ApiMessageType.LIST_OFFSETS.apiKey());
        assertEquals(true, seenKeys.subList(listOffsetsAt + 1, seenKeys.size()).contains(ApiMessageType.METADATA.apiKey()),
            "the retry fetched metadata again");
    }

    @Test
    void aCoordinatorThatStaysUnavailableTimesOut() throws Exception {
        CompletableFuture<Void> deleted = admin().deleteConsumerGroups(List.of("g")).value("g");
        try {
            serve(deleted, request -> new FindCoordinatorResponse().setCoordinators(List.of(new FindCoordinatorResponse.Coordinator()
                .setKey("g").setNodeId(-1).setHost("").setPort(-1).setErrorCode(ErrorCode.COORDINATOR_NOT_AVAILABLE.code()))));
            throw new AssertionError("expected a failure");
        } catch (ExecutionException e) {
            assertInstanceOf(TimeoutException.class, e.getCause());
            assertInstanceOf(io.samsa.client.errors.CoordinatorNotAvailableException.class, e.getCause().getCause());
        }
        assertEquals(true, calls(ApiMessageType.FIND_COORDINATOR) > 1, "retried within default.api.timeout.ms");
    }

    @Test
    void olderBrokersGetTheOlderRequestLayouts() throws Exception {
        server.withdraw(ApiMessageType.DESCRIBE_CLUSTER).advertise(ApiMessageType.OFFSET_FETCH, 1, 7)
            .advertise(ApiMessageType.FIND_COORDINATOR, 0, 3).advertise(ApiMessageType.DELETE_TOPICS, 1, 5);

        ClusterDescription cluster = serve(admin().describeCluster(), request -> {
            throw new AssertionError("only Metadata is expected, got key " + request.header().apiKey());
        });
        assertEquals("fake", cluster.clusterId());
        assertEquals(1, cluster.controller().id());

        Map<TopicPartition, io.samsa.client.consumer.OffsetAndMetadata> committed = serve(admin().listConsumerGroupOffsets("g"), request -> {
            if (request.header().apiKey() == ApiMessageType.FIND_COORDINATOR.apiKey()) {
                assertEquals(3, request.header().apiVersion());
                assertEquals("g", ((io.samsa.protocol.message.FindCoordinatorRequest) request.body()).key());
                return new FindCoordinatorResponse().setNodeId(1).setHost("127.0.0.1").setPort(server.port());
            }
            assertEquals(7, request.header().apiVersion());
            io.samsa.protocol.message.OffsetFetchRequest fetch = (io.samsa.protocol.message.OffsetFetchRequest) request.body();
            assertEquals("g", fetch.groupId());
            assertEquals(null, fetch.topics(), "all topics");
            return new io.samsa.protocol.message.OffsetFetchResponse().setTopics(List.of(
                new io.samsa.protocol.message.OffsetFetchResponse.OffsetFetchResponseTopic().setName("t").setPartitions(List.of(
                    new io.samsa.protocol.message.OffsetFetchResponse.OffsetFetchResponsePartition().setPartitionIndex(0)
                        .setCommittedOffset(17).setCommittedLeaderEpoch(2).setMetadata("m"),
                    new io.samsa.protocol.message.OffsetFetchResponse.OffsetFetchResponsePartition().setPartitionIndex(1)
                        .setCommittedOffset(-1)))));
        });
        assertEquals(Map.of(new TopicPartition("t", 0), new io.samsa.client.consumer.OffsetAndMetadata(17, java.util.Optional.of(2), "m")),
            committed, "a partition without a committed offset is left out");

        serve(admin().deleteTopics(List.of("t")).all(), request -> {
            assertEquals(5, request.header().apiVersion());
            assertEquals(List.of("t"), ((io.samsa.protocol.message.DeleteTopicsRequest) request.body()).topicNames());
            return new io.samsa.protocol.message.DeleteTopicsResponse().setResponses(List.of(
                new io.samsa.protocol.message.DeleteTopicsResponse.DeletableTopicResult().setName("t")));
        });
    }
}
