package io.samsa.broker.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.broker.api.RequestContext;
import io.samsa.broker.testing.StubMetadataQuorum;
import io.samsa.broker.topics.LogConfigTopicConfigPolicy;
import io.samsa.metadata.controller.api.ApiError;
import io.samsa.metadata.controller.api.CreateTopicResult;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.metadata.image.TopicImage;
import io.samsa.metadata.quorum.MetadataQuorumException;
import io.samsa.metadata.rpc.ControllerRpc;
import io.samsa.metadata.rpc.proto.ControllerRequest;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.header.RequestHeader;
import io.samsa.protocol.message.CreateTopicsRequest;
import io.samsa.protocol.message.CreateTopicsRequest.CreatableTopic;
import io.samsa.protocol.message.CreateTopicsRequest.CreatableTopicConfig;
import io.samsa.protocol.message.CreateTopicsResponse;
import io.samsa.protocol.message.DeleteTopicsRequest;
import io.samsa.protocol.message.DeleteTopicsRequest.DeleteTopicState;
import io.samsa.protocol.message.DeleteTopicsResponse;
import io.samsa.protocol.message.ElectLeadersRequest;
import io.samsa.protocol.message.ElectLeadersResponse;
import io.samsa.protocol.types.Uuid;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The cluster-mode topic handlers against a quorum stub: what is checked before forwarding, how a
 * failed forward reaches the client, and that a created topic is answered only once this node's
 * image holds it. (The handlers' entry points are protected, so callable from this package.)
 */
class ClusterTopicHandlersTest {
    private final StubQuorum quorum = new StubQuorum();
    private final ControllerChannel channel = new ControllerChannel(() -> quorum, 30_000);

    private static RequestContext context(ApiKey api, short version) {
        return new RequestContext(new RequestHeader(api.id(), version, 0, null), null, "PLAINTEXT", 0L);
    }

    private CompletableFuture<CreateTopicsResponse> create(CreateTopicsRequest request) {
        return new ClusterCreateTopicsHandler(channel, new LogConfigTopicConfigPolicy(Map.of())).handle(context(ApiKey.CREATE_TOPICS, (short) 7), request);
    }

    @Test
    void badConfigsAndDuplicatesAreRefusedHereAndTheRestForwarded() throws Exception {
        quorum.answer = CompletableFuture.completedFuture(List.of(
                new CreateTopicResult("good", new Uuid(3, 3), ApiError.NONE, 2, (short) 3)));
        quorum.image = imageWith("good");
        CreateTopicsResponse response = create(new CreateTopicsRequest().setTimeoutMs(1000).setTopics(new ArrayList<>(List.of(
                new CreatableTopic().setName("twice").setNumPartitions(1).setReplicationFactor((short) 1),
                new CreatableTopic().setName("twice").setNumPartitions(1).setReplicationFactor((short) 1),
                new CreatableTopic().setName("bad-config").setNumPartitions(1).setReplicationFactor((short) 1)
                        .setConfigs(new ArrayList<>(List.of(new CreatableTopicConfig().setName("no.such.key").setValue("1")))),
                new CreatableTopic().setName("good").setNumPartitions(2).setReplicationFactor((short) 3)))))
                .get(10, TimeUnit.SECONDS);
        assertEquals(List.of("twice", "bad-config", "good"), response.topics().stream().map(t -> t.name()).toList());
        assertEquals(ErrorCode.INVALID_REQUEST.code(), response.topics().get(0).errorCode());
        assertEquals(ErrorCode.INVALID_CONFIG.code(), response.topics().get(1).errorCode());
        assertEquals(ErrorCode.NONE.code(), response.topics().get(2).errorCode());
        assertEquals(new Uuid(3, 3), response.topics().get(2).topicId());
        assertEquals(3, response.topics().get(2).replicationFactor());
        assertEquals(1, quorum.forwarded.size(), "only the good topic went to the controller");
        assertEquals(List.of("good"), quorum.forwarded.get(0).getCreateTopics().getTopicsList().stream()
                .map(t -> t.getName()).toList());
    }

    @Test
    void aCreatedTopicIsAnsweredOnceThisNodesImageHoldsIt() throws Exception {
        quorum.answer = CompletableFuture.completedFuture(List.of(
                new CreateTopicResult("later", new Uuid(4, 4), ApiError.NONE, 1, (short) 1)));
        CompletableFuture<CreateTopicsResponse> response = create(new CreateTopicsRequest().setTopics(new ArrayList<>(List.of(
                new CreatableTopic().setName("later").setNumPartitions(1).setReplicationFactor((short) 1)))));
        assertFalse(response.isDone(), "the image does not hold the topic yet");
        quorum.apply(imageWith("later"));
        assertEquals(ErrorCode.NONE.code(), response.get(10, TimeUnit.SECONDS).topics().get(0).errorCode());
    }

    @Test
    void aFailedForwardAnswersEachTopicWithTheQuorumsError() throws Exception {
        quorum.answer = CompletableFuture.failedFuture(new MetadataQuorumException(ErrorCode.REQUEST_TIMED_OUT,
                "no commit", -1));
        CreateTopicsResponse created = create(new CreateTopicsRequest().setTopics(new ArrayList<>(List.of(
                new CreatableTopic().setName("a").setNumPartitions(1).setReplicationFactor((short) 1),
                new CreatableTopic().setName("b").setNumPartitions(1).setReplicationFactor((short) 1)))))
                .get(10, TimeUnit.SECONDS);
        assertEquals(List.of(ErrorCode.REQUEST_TIMED_OUT.code(), ErrorCode.REQUEST_TIMED_OUT.code()),
                created.topics().stream().map(t -> t.errorCode()).toList());

        quorum.answer = CompletableFuture.failedFuture(new MetadataQuorumException(ErrorCode.NOT_CONTROLLER,
                "no leader", -1));
        DeleteTopicsResponse deleted = new ClusterDeleteTopicsHandler(channel, true).handle(
                context(ApiKey.DELETE_TOPICS, (short) 6), new DeleteTopicsRequest().setTopics(new ArrayList<>(List.of(
                        new DeleteTopicState().setName("x"), new DeleteTopicState().setTopicId(new Uuid(5, 5))))))
                .get(10, TimeUnit.SECONDS);
        assertEquals(List.of(ErrorCode.NOT_CONTROLLER.code(), ErrorCode.NOT_CONTROLLER.code()),
                deleted.responses().stream().map(t -> t.errorCode()).toList());
        assertEquals(new Uuid(5, 5), deleted.responses().get(1).topicId());

        ElectLeadersResponse elected = new ElectLeadersHandler(channel).handle(context(ApiKey.ELECT_LEADERS, (short) 2),
                new ElectLeadersRequest().setTopicPartitions(null)).get(10, TimeUnit.SECONDS);
        assertEquals(ErrorCode.NOT_CONTROLLER.code(), elected.errorCode());
    }

    @Test
    void deletionDisabledIsRefusedWithoutAForward() throws Exception {
        DeleteTopicsResponse deleted = new ClusterDeleteTopicsHandler(channel, false).handle(
                context(ApiKey.DELETE_TOPICS, (short) 6), new DeleteTopicsRequest().setTopics(new ArrayList<>(List.of(
                        new DeleteTopicState().setName("x"))))).get(10, TimeUnit.SECONDS);
        assertEquals(ErrorCode.TOPIC_DELETION_DISABLED.code(), deleted.responses().get(0).errorCode());
        assertTrue(quorum.forwarded.isEmpty());
    }

    private static MetadataImage imageWith(String topic) {
        Uuid id = new Uuid(topic.hashCode(), 1);
        return new MetadataImage(1, 1, Optional.of("c"), Map.of(), Map.of(id, new TopicImage(topic, id, Map.of())),
                Map.of(topic, id), Map.of(), 0, Map.of(), 0);
    }

    /** A quorum whose forwards answer what the test says. */
    private static final class StubQuorum extends StubMetadataQuorum {
        final List<ControllerRequest> forwarded = new ArrayList<>();
        volatile CompletableFuture<?> answer = new CompletableFuture<>();

        @Override
        @SuppressWarnings("unchecked")
        public <T> CompletableFuture<T> forward(ControllerRpc<T> rpc, long timeoutMs) {
            forwarded.add(rpc.request());
            return (CompletableFuture<T>) answer;
        }
    }
}
