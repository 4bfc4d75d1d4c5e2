package io.samsa.client.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.client.common.TopicPartition;
import io.samsa.client.consumer.internals.ConsumerProtocolCodec;
import io.samsa.client.testing.FakeKafkaServer;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.ApiMessageType;
import io.samsa.protocol.message.FetchRequest;
import io.samsa.protocol.message.FetchResponse;
import io.samsa.protocol.message.FindCoordinatorRequest;
import io.samsa.protocol.message.FindCoordinatorResponse;
import io.samsa.protocol.message.HeartbeatResponse;
import io.samsa.protocol.message.JoinGroupRequest;
import io.samsa.protocol.message.JoinGroupResponse;
import io.samsa.protocol.message.LeaveGroupResponse;
import io.samsa.protocol.message.ListOffsetsRequest;
import io.samsa.protocol.message.ListOffsetsResponse;
import io.samsa.protocol.message.MetadataResponse;
import io.samsa.protocol.message.OffsetFetchRequest;
import io.samsa.protocol.message.OffsetFetchResponse;
import io.samsa.protocol.message.SyncGroupRequest;
import io.samsa.protocol.message.SyncGroupResponse;
import io.samsa.protocol.types.ApiMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The consumer's group flows against a scripted broker: the test answers every request, so it can
 * inject the errors a real broker rarely produces on cue (heartbeat UNKNOWN_MEMBER_ID,
 * REBALANCE_IN_PROGRESS) and check the requests and listener calls that follow.
 */
class SamsaConsumerScriptedTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String TOPIC = "t";

    private FakeKafkaServer server;
    private ExecutorService pollThread;
    private final AtomicBoolean polling = new AtomicBoolean(true);
    private final List<String> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        server = new FakeKafkaServer();
        pollThread = Executors.newSingleThreadExecutor();
    }

    @AfterEach
    void stop() throws Exception {
        polling.set(false);
        pollThread.shutdown();
        pollThread.awaitTermination(10, TimeUnit.SECONDS);
        server.close();
    }

    /** Starts a subscribed consumer polling on its own thread until the test ends. */
    private Future<?> startConsumer() {
        return pollThread.submit(() -> {
            Map<String, Object> config = Map.of("bootstrap.servers", "127.0.0.1:" + server.port(), "group.id", "g",
                "key.deserializer", io.samsa.client.serialization.StringDeserializer.class,
                "value.deserializer", io.samsa.client.serialization.StringDeserializer.class,
                "enable.auto.commit", "false", "heartbeat.interval.ms", "100", "session.timeout.ms", "10000",
                "max.poll.interval.ms", "60000", "partition.assignment.strategy", "range", "fetch.max.wait.ms", "100");
            try (SamsaConsumer<String, String> consumer = new SamsaConsumer<>(config)) {
                consumer.subscribe(List.of(TOPIC), new ConsumerRebalanceListener() {
                    @Override
                    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                        events.add("revoked " + partitions.size());
                    }

                    @Override
                    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                        events.add("assigned " + partitions.size());
                    }

                    @Override
                    public void onPartitionsLost(Collection<TopicPartition> partitions) {
                        events.add("lost " + partitions.size());
                    }
                });
                while (polling.get()) {
                    consumer.poll(Duration.ofMillis(50));
                }
                consumer.close(Duration.ofMillis(500));
            }
            return null;
        });
    }

    /**
     * Answers requests the way a healthy single broker would, until a request of {@code wanted}
     * arrives, which is returned unanswered.
     */
    private FakeKafkaServer.Received answerUntil(ApiMessageType wanted) throws InterruptedException {
        while (true) {
            FakeKafkaServer.Received next = server.take(WAIT);
            ApiMessageType type = ApiMessageType.fromApiKey(next.header().apiKey());
            if (type == wanted) {
                return next;
            }
            ApiMessage response = healthyAnswer(type, next.body());
            if (response != null) {
                next.respond(response);
            }
        }
    }

    private ApiMessage healthyAnswer(ApiMessageType type, ApiMessage body) {
        return switch (type) {
            case METADATA -> new MetadataResponse()
                .setBrokers(new ArrayList<>(List.of(new MetadataResponse.MetadataResponseBroker().setNodeId(0).setHost("127.0.0.1")
                    .setPort(server.port()))))
                .setControllerId(0)
                .setTopics(new ArrayList<>(List.of(new MetadataResponse.MetadataResponseTopic().setName(TOPIC).setPartitions(
                    new ArrayList<>(List.of(partition(0), partition(1)))))));
            case FIND_COORDINATOR -> new FindCoordinatorResponse().setCoordinators(new ArrayList<>(List.of(
                new FindCoordinatorResponse.Coordinator().setKey(((FindCoordinatorRequest) body).coordinatorKeys().get(0))
                    .setNodeId(0).setHost("127.0.0.1").setPort(server.port()))));
            case OFFSET_FETCH -> {
                OffsetFetchRequest request = (OffsetFetchRequest) body;
                OffsetFetchResponse.OffsetFetchResponseGroup group = new OffsetFetchResponse.OffsetFetchResponseGroup()
                    .setGroupId(request.groups().get(0).groupId());
                for (OffsetFetchRequest.OffsetFetchRequestTopics t : request.groups().get(0).topics()) {
                    List<OffsetFetchResponse.OffsetFetchResponsePartitions> ps = new ArrayList<>();
                    t.partitionIndexes().forEach(p -> ps.add(new OffsetFetchResponse.OffsetFetchResponsePartitions().setPartitionIndex(p)
                        .setCommittedOffset(-1)));
                    group.topics().add(new OffsetFetchResponse.OffsetFetchResponseTopics().setName(t.name()).setPartitions(ps));
                }
                yield new OffsetFetchResponse().setGroups(new ArrayList<>(List.of(group)));
            }
            case LIST_OFFSETS -> {
                ListOffsetsResponse response = new ListOffsetsResponse();
                for (ListOffsetsRequest.ListOffsetsTopic t : ((ListOffsetsRequest) body).topics()) {
                    List<ListOffsetsResponse.ListOffsetsPartitionResponse> ps = new ArrayList<>();
                    t.partitions().forEach(p -> ps.add(new ListOffsetsResponse.ListOffsetsPartitionResponse()
                        .setPartitionIndex(p.partitionIndex()).setOffset(0).setTimestamp(-1)));
                    response.topics().add(new ListOffsetsResponse.ListOffsetsTopicResponse().setName(t.name()).setPartitions(ps));
                }
                yield response;
            }
            case FETCH -> {
                FetchResponse response = new FetchResponse();
                for (FetchRequest.FetchTopic t : ((FetchRequest) body).topics()) {
                    List<FetchResponse.PartitionData> ps = new ArrayList<>();
                    t.partitions().forEach(p -> ps.add(new FetchResponse.PartitionData().setPartitionIndex(p.partition())
                        .setHighWatermark(0)));
                    response.responses().add(new FetchResponse.FetchableTopicResponse().setTopic(t.topic()).setPartitions(ps));
                }
                yield response;
            }
            case HEARTBEAT -> new HeartbeatResponse();
            case LEAVE_GROUP -> new LeaveGroupResponse();
            default -> null;
        };
    }

    private static MetadataResponse.MetadataResponsePartition partition(int index) {
        return new MetadataResponse.MetadataResponsePartition().setPartitionIndex(index).setLeaderId(0).setLeaderEpoch(0)
            .setReplicaNodes(new ArrayList<>(List.of(0))).setIsrNodes(new ArrayList<>(List.of(0)));
    }

    /** Answers a JoinGroup as the leader of {@code generation}, echoing the member's own metadata. */
    private static void joinAsLeader(FakeKafkaServer.Received join, String memberId, int generation) {
        JoinGroupRequest request = (JoinGroupRequest) join.body();
        join.respond(new JoinGroupResponse().setGenerationId(generation).setMemberId(memberId).setLeader(memberId)
            .setProtocolType("consumer").setProtocolName(request.protocols().get(0).name())
            .setMembers(new ArrayList<>(List.of(new JoinGroupResponse.JoinGroupResponseMember().setMemberId(memberId)
                .setMetadata(request.protocols().get(0).metadata())))));
    }

    /** Answers a leader's SyncGroup with the assignment it computed for itself. */
    private static int syncBack(FakeKafkaServer.Received sync) {
        SyncGroupRequest request = (SyncGroupRequest) sync.body();
        byte[] own = request.assignments().get(0).assignment();
        sync.respond(new SyncGroupResponse().setProtocolType("consumer").setProtocolName(request.protocolName()).setAssignment(own));
        return ConsumerProtocolCodec.decodeAssignment(own).partitions().size();
    }

    private void awaitEvents(int count) {
        io.samsa.protocol.testing.Await.until(WAIT, count + " listener events", () -> events.size() >= count);
    }

    @Test
    void memberIdRequiredThenLeaderThenHeartbeatErrors() throws Exception {
        startConsumer();
        FakeKafkaServer.Received join = answerUntil(ApiMessageType.JOIN_GROUP);
        JoinGroupRequest first = (JoinGroupRequest) join.body();
        assertEquals("", first.memberId());
        assertEquals(60_000, first.rebalanceTimeoutMs(), "rebalance timeout = max.poll.interval.ms");
        assertEquals(10_000, first.sessionTimeoutMs());
        assertEquals(List.of("range"), first.protocols().stream().map(JoinGroupRequest.JoinGroupRequestProtocol::name).toList());
        assertEquals(List.of(TOPIC), ConsumerProtocolCodec.decodeSubscription(first.protocols().get(0).metadata()).topics());
        join.respond(new JoinGroupResponse().setErrorCode(ErrorCode.MEMBER_ID_REQUIRED.code()).setMemberId("m-1").setGenerationId(-1));

        join = answerUntil(ApiMessageType.JOIN_GROUP);
        assertEquals("m-1", ((JoinGroupRequest) join.body()).memberId());
        joinAsLeader(join, "m-1", 1);
        FakeKafkaServer.Received sync = answerUntil(ApiMessageType.SYNC_GROUP);
        assertEquals(1, ((SyncGroupRequest) sync.body()).generationId());
        assertEquals(2, syncBack(sync), "the leader ran range over both partitions");
        awaitEvents(1);
        assertEquals(List.of("assigned 2"), events, "a first join revokes nothing");

        // the group rebalances: eager revokes everything, then rejoins with the same member id
        answerUntil(ApiMessageType.HEARTBEAT).respond(new HeartbeatResponse().setErrorCode(ErrorCode.REBALANCE_IN_PROGRESS.code()));
        join = answerUntil(ApiMessageType.JOIN_GROUP);
        assertEquals("m-1", ((JoinGroupRequest) join.body()).memberId());
        List<io.samsa.client.common.TopicPartition> owned = ConsumerProtocolCodec.decodeSubscription(
            ((JoinGroupRequest) join.body()).protocols().get(0).metadata()).ownedPartitions();
        assertTrue(owned.isEmpty(), "eager members own nothing while rejoining: " + owned);
        assertEquals(List.of("assigned 2", "revoked 2"), events, "eager: all revoked before the rejoin");
        joinAsLeader(join, "m-1", 2);
        syncBack(answerUntil(ApiMessageType.SYNC_GROUP));
        awaitEvents(3);

        // fenced out of the generation: partitions are lost (not revoked) and the member rejoins afresh
        answerUntil(ApiMessageType.HEARTBEAT).respond(new HeartbeatResponse().setErrorCode(ErrorCode.UNKNOWN_MEMBER_ID.code()));
        join = answerUntil(ApiMessageType.JOIN_GROUP);
        assertEquals("", ((JoinGroupRequest) join.body()).memberId(), "UNKNOWN_MEMBER_ID: join with an empty member id");
        assertEquals(List.of("assigned 2", "revoked 2", "assigned 2", "lost 2"), events);
        joinAsLeader(join, "m-2", 3);
        syncBack(answerUntil(ApiMessageType.SYNC_GROUP));
        awaitEvents(5);
        assertEquals(List.of("assigned 2", "revoked 2", "assigned 2", "lost 2", "assigned 2"), events);
    }
}
