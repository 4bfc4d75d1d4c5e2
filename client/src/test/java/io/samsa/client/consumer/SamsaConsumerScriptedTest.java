package io.samsa.client.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import io.samsa.protocol.message.OffsetCommitRequest;
import io.samsa.protocol.message.OffsetCommitResponse;
import io.samsa.protocol.message.OffsetFetchRequest;
import io.samsa.protocol.message.OffsetFetchResponse;
import io.samsa.protocol.message.SyncGroupRequest;
import io.samsa.protocol.message.SyncGroupResponse;
import io.samsa.protocol.types.ApiMessage;
import io.samsa.protocol.types.Uuid;
import io.samsa.protocol.message.ConsumerGroupHeartbeatRequest;
import io.samsa.protocol.message.ConsumerGroupHeartbeatResponse;
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
 * REBALANCE_IN_PROGRESS, FENCED_MEMBER_EPOCH) and check the requests and listener calls that follow,
 * for the classic protocol and for {@code group.protocol=consumer} (KIP-848).
 */
class SamsaConsumerScriptedTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String TOPIC = "t";
    private static final Uuid TOPIC_ID = new Uuid(7, 7);

    private FakeKafkaServer server;
    private ExecutorService pollThread;
    private final AtomicBoolean polling = new AtomicBoolean(true);
    private final List<String> events = new CopyOnWriteArrayList<>();
    /** Whether the polling consumer calls commitSync after every poll. */
    private volatile boolean commitAfterPoll;

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

    /** Starts a subscribed classic consumer polling on its own thread until the test ends. */
    private Future<?> startConsumer() {
        return startConsumer(Map.of("heartbeat.interval.ms", "100", "session.timeout.ms", "10000",
            "partition.assignment.strategy", "range"));
    }

    /** Starts a subscribed consumer with {@code overrides} polling on its own thread until the test ends. */
    private Future<?> startConsumer(Map<String, Object> overrides) {
        return pollThread.submit(() -> {
            Map<String, Object> config = new java.util.HashMap<>(Map.of("bootstrap.servers", "127.0.0.1:" + server.port(),
                "group.id", "g", "key.deserializer", io.samsa.client.serialization.StringDeserializer.class,
                "value.deserializer", io.samsa.client.serialization.StringDeserializer.class,
                "enable.auto.commit", "false", "max.poll.interval.ms", "60000", "fetch.max.wait.ms", "100"));
            config.putAll(overrides);
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
                    try {
                        consumer.poll(Duration.ofMillis(50));
                        if (commitAfterPoll && !consumer.assignment().isEmpty()) {
                            consumer.commitSync();
                        }
                    } catch (io.samsa.client.errors.KafkaException e) {
                        events.add("poll threw " + e.getClass().getSimpleName() + ": " + e.getMessage());
                        throw e;
                    }
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
                .setTopics(new ArrayList<>(List.of(new MetadataResponse.MetadataResponseTopic().setName(TOPIC).setTopicId(TOPIC_ID).setPartitions(
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

    private static final Map<String, Object> CONSUMER_PROTOCOL = Map.of("group.protocol", "consumer");

    private static ConsumerGroupHeartbeatResponse target(int epoch, Integer... partitions) {
        return new ConsumerGroupHeartbeatResponse().setMemberEpoch(epoch).setHeartbeatIntervalMs(100)
            .setAssignment(new ConsumerGroupHeartbeatResponse.Assignment().setTopicPartitions(new ArrayList<>(List.of(
                new ConsumerGroupHeartbeatResponse.TopicPartitions().setTopicId(TOPIC_ID).setPartitions(new ArrayList<>(List.of(partitions)))))));
    }

    private static List<Integer> acknowledged(FakeKafkaServer.Received heartbeat) {
        List<ConsumerGroupHeartbeatRequest.TopicPartitions> owned = ((ConsumerGroupHeartbeatRequest) heartbeat.body()).topicPartitions();
        return owned == null ? null : owned.stream().flatMap(t -> t.partitions().stream()).sorted().toList();
    }

    /**
     * The next heartbeat that acknowledges partitions; plain heartbeats sent before the application
     * thread reconciled are answered with {@code epoch} and no new assignment.
     */
    private FakeKafkaServer.Received nextAcknowledgement(int epoch) throws InterruptedException {
        while (true) {
            FakeKafkaServer.Received heartbeat = answerUntil(ApiMessageType.CONSUMER_GROUP_HEARTBEAT);
            if (acknowledged(heartbeat) != null) {
                return heartbeat;
            }
            heartbeat.respond(new ConsumerGroupHeartbeatResponse().setMemberEpoch(epoch).setHeartbeatIntervalMs(100));
        }
    }

    @Test
    void consumerProtocolReconcilesRevokingFirstAndRejoinsAfterFencing() throws Exception {
        startConsumer(CONSUMER_PROTOCOL);
        FakeKafkaServer.Received join = answerUntil(ApiMessageType.CONSUMER_GROUP_HEARTBEAT);
        ConsumerGroupHeartbeatRequest first = (ConsumerGroupHeartbeatRequest) join.body();
        String memberId = first.memberId();
        assertFalse(memberId.isEmpty(), "the client generates its member id");
        assertEquals(0, first.memberEpoch());
        assertEquals(60_000, first.rebalanceTimeoutMs(), "rebalance timeout = max.poll.interval.ms");
        assertEquals(List.of(TOPIC), first.subscribedTopicNames());
        join.respond(target(1, 0, 1));

        FakeKafkaServer.Received ack = nextAcknowledgement(1);
        assertEquals(List.of(0, 1), acknowledged(ack), "the assignment is acknowledged once the listener ran");
        assertEquals(List.of("assigned 2"), events);
        ack.respond(new ConsumerGroupHeartbeatResponse().setMemberEpoch(1).setHeartbeatIntervalMs(100));

        // partition 1 moves to another member: revoked first, then the (empty) addition, then acknowledged
        answerUntil(ApiMessageType.CONSUMER_GROUP_HEARTBEAT).respond(target(2, 0));
        ack = nextAcknowledgement(2);
        assertEquals(List.of(0), acknowledged(ack));
        assertEquals(2, ((ConsumerGroupHeartbeatRequest) ack.body()).memberEpoch());
        assertEquals(List.of("assigned 2", "revoked 1", "assigned 0"), events);
        ack.respond(new ConsumerGroupHeartbeatResponse().setMemberEpoch(2).setHeartbeatIntervalMs(100));

        // fenced: the partition is lost (not revoked) and the member rejoins with epoch 0 and the same id
        answerUntil(ApiMessageType.CONSUMER_GROUP_HEARTBEAT).respond(new ConsumerGroupHeartbeatResponse()
            .setErrorCode(ErrorCode.FENCED_MEMBER_EPOCH.code()));
        FakeKafkaServer.Received rejoin = answerUntil(ApiMessageType.CONSUMER_GROUP_HEARTBEAT);
        ConsumerGroupHeartbeatRequest again = (ConsumerGroupHeartbeatRequest) rejoin.body();
        assertEquals(0, again.memberEpoch());
        assertEquals(memberId, again.memberId());
        assertEquals(List.of(TOPIC), again.subscribedTopicNames(), "a full request after an error");
        assertEquals(List.of("assigned 2", "revoked 1", "assigned 0", "lost 1"), events);
        rejoin.respond(target(3, 1));
        answerUntil(ApiMessageType.CONSUMER_GROUP_HEARTBEAT).respond(new ConsumerGroupHeartbeatResponse().setMemberEpoch(3)
            .setHeartbeatIntervalMs(100));
        awaitEvents(5);
        assertEquals(List.of("assigned 2", "revoked 1", "assigned 0", "lost 1", "assigned 1"), events);

        // close: revoked, then the leave heartbeat with epoch -1
        polling.set(false);
        FakeKafkaServer.Received leave = answerUntil(ApiMessageType.CONSUMER_GROUP_HEARTBEAT);
        while (((ConsumerGroupHeartbeatRequest) leave.body()).memberEpoch() >= 0) {
            leave.respond(new ConsumerGroupHeartbeatResponse().setMemberEpoch(3).setHeartbeatIntervalMs(100));
            leave = answerUntil(ApiMessageType.CONSUMER_GROUP_HEARTBEAT);
        }
        assertEquals(-1, ((ConsumerGroupHeartbeatRequest) leave.body()).memberEpoch());
        assertEquals(memberId, ((ConsumerGroupHeartbeatRequest) leave.body()).memberId());
        leave.respond(new ConsumerGroupHeartbeatResponse().setMemberEpoch(-1));
        assertEquals("revoked 1", events.get(events.size() - 1));
    }

    @Test
    void aBrokerWithoutConsumerGroupHeartbeatFailsThePollAsKafkaDoes() throws Exception {
        server.withdraw(ApiMessageType.CONSUMER_GROUP_HEARTBEAT);
        Future<?> consumer = startConsumer(CONSUMER_PROTOCOL);
        io.samsa.protocol.testing.Await.until(WAIT, "the poll fails", () -> {
            FakeKafkaServer.Received next = server.poll(Duration.ofMillis(20));
            if (next != null) {
                ApiMessage response = healthyAnswer(ApiMessageType.fromApiKey(next.header().apiKey()), next.body());
                if (response != null) {
                    next.respond(response);
                }
            }
            return consumer.isDone();
        });
        assertTrue(events.stream().anyMatch(e -> e.startsWith("poll threw UnsupportedVersionException")
            && e.contains("does not support the new CONSUMER group protocol")), events.toString());
    }

    @Test
    void aCommitAnsweredStaleMemberEpochIsRetriedWithTheNewEpoch() throws Exception {
        commitAfterPoll = true;
        startConsumer(CONSUMER_PROTOCOL);
        answerUntil(ApiMessageType.CONSUMER_GROUP_HEARTBEAT).respond(target(1, 0, 1));
        nextAcknowledgement(1).respond(new ConsumerGroupHeartbeatResponse().setMemberEpoch(1).setHeartbeatIntervalMs(100));
        FakeKafkaServer.Received commit = null;
        FakeKafkaServer.Received heartbeat = null;
        while (commit == null || heartbeat == null) {
            FakeKafkaServer.Received next = server.take(WAIT);
            ApiMessageType type = ApiMessageType.fromApiKey(next.header().apiKey());
            if (type == ApiMessageType.OFFSET_COMMIT && commit == null) {
                commit = next;
            } else if (type == ApiMessageType.CONSUMER_GROUP_HEARTBEAT && commit != null) {
                heartbeat = next;
            } else if (type == ApiMessageType.CONSUMER_GROUP_HEARTBEAT) {
                next.respond(new ConsumerGroupHeartbeatResponse().setMemberEpoch(1).setHeartbeatIntervalMs(100));
            } else {
                next.respond(healthyAnswer(type, next.body()));
            }
        }
        OffsetCommitRequest first = (OffsetCommitRequest) commit.body();
        assertEquals(1, first.generationIdOrMemberEpoch(), "commits carry the member epoch");
        assertEquals(((ConsumerGroupHeartbeatRequest) heartbeat.body()).memberId(), first.memberId());
        // the commit sent at epoch 1 is answered STALE_MEMBER_EPOCH, and the heartbeat after it moves the epoch to 2
        // (answers in request order: responses on one connection are FIFO)
        commit.respond(commitAnswer(first, ErrorCode.STALE_MEMBER_EPOCH));
        heartbeat.respond(new ConsumerGroupHeartbeatResponse().setMemberEpoch(2).setHeartbeatIntervalMs(100));
        while (true) {
            FakeKafkaServer.Received next = server.take(WAIT);
            ApiMessageType type = ApiMessageType.fromApiKey(next.header().apiKey());
            if (type == ApiMessageType.OFFSET_COMMIT) {
                OffsetCommitRequest retry = (OffsetCommitRequest) next.body();
                if (retry.generationIdOrMemberEpoch() == 1) {
                    next.respond(commitAnswer(retry, ErrorCode.STALE_MEMBER_EPOCH)); // retried before the new epoch arrived
                    continue;
                }
                assertEquals(2, retry.generationIdOrMemberEpoch(), "retried with the latest epoch");
                next.respond(commitAnswer(retry, ErrorCode.NONE));
                break;
            }
            next.respond(type == ApiMessageType.CONSUMER_GROUP_HEARTBEAT
                ? new ConsumerGroupHeartbeatResponse().setMemberEpoch(2).setHeartbeatIntervalMs(100) : healthyAnswer(type, next.body()));
        }
        assertTrue(events.stream().noneMatch(e -> e.startsWith("poll threw")), events.toString());
        commitAfterPoll = false;
    }

    private static OffsetCommitResponse commitAnswer(OffsetCommitRequest request, ErrorCode error) {
        OffsetCommitResponse response = new OffsetCommitResponse();
        for (OffsetCommitRequest.OffsetCommitRequestTopic topic : request.topics()) {
            List<OffsetCommitResponse.OffsetCommitResponsePartition> partitions = new ArrayList<>();
            topic.partitions().forEach(p -> partitions.add(new OffsetCommitResponse.OffsetCommitResponsePartition()
                .setPartitionIndex(p.partitionIndex()).setErrorCode(error.code())));
            response.topics().add(new OffsetCommitResponse.OffsetCommitResponseTopic().setName(topic.name()).setPartitions(partitions));
        }
        return response;
    }
}
