package io.samsa.broker.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.broker.topics.Topic;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.DeleteTopicsRequest;
import io.samsa.protocol.message.DeleteTopicsRequest.DeleteTopicState;
import io.samsa.protocol.message.DeleteTopicsResponse;
import io.samsa.protocol.message.DeleteTopicsResponse.DeletableTopicResult;
import io.samsa.protocol.types.Uuid;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeleteTopicsHandlerTest {
    @TempDir
    Path dir;
    private AdminFixture fixture;
    private DeleteTopicsHandler handler;
    private Topic a;
    private Topic b;

    @BeforeEach
    void setUp() {
        fixture = new AdminFixture(dir);
        handler = new DeleteTopicsHandler(fixture.registry, true);
        a = fixture.registry.create("a", 1, Map.of());
        b = fixture.registry.create("b", 2, Map.of());
        fixture.events.clear();
    }

    @Test
    void v1DeletesByNameFromAKafkaBuiltRequest() {
        DeleteTopicsRequestData data = new DeleteTopicsRequestData().setTopicNames(List.of("a", "missing")).setTimeoutMs(1000);
        DeleteTopicsRequest request = KafkaWire.fromKafka(
                new org.apache.kafka.common.requests.DeleteTopicsRequest.Builder(data).build((short) 1), DeleteTopicsRequest::new);
        org.apache.kafka.common.requests.DeleteTopicsResponse parsed = KafkaWire.toKafka(handler.handle(request, (short) 1), (short) 1);
        assertEquals(Errors.NONE.code(), parsed.data().responses().find("a").errorCode());
        assertEquals(Errors.UNKNOWN_TOPIC_OR_PARTITION.code(), parsed.data().responses().find("missing").errorCode());
        assertTrue(fixture.registry.topic("a").isEmpty());
        assertEquals(List.of("deleted a"), fixture.events);
    }

    @Test
    void v6DeletesByIdAndByName() {
        org.apache.kafka.common.Uuid unknown = org.apache.kafka.common.Uuid.randomUuid();
        DeleteTopicsRequestData data = new DeleteTopicsRequestData().setTopics(List.of(
                new DeleteTopicsRequestData.DeleteTopicState().setTopicId(org.apache.kafka.common.Uuid.fromString(b.id().toString())),
                new DeleteTopicsRequestData.DeleteTopicState().setName("a"),
                new DeleteTopicsRequestData.DeleteTopicState().setTopicId(unknown)));
        DeleteTopicsRequest request = KafkaWire.fromKafka(
                new org.apache.kafka.common.requests.DeleteTopicsRequest.Builder(data).build((short) 6), DeleteTopicsRequest::new);
        DeleteTopicsResponse ours = handler.handle(request, (short) 6);
        assertEquals(3, ours.responses().size());
        DeletableTopicResult byId = ours.responses().get(0);
        assertEquals(ErrorCode.NONE.code(), byId.errorCode());
        assertEquals("b", byId.name());
        assertEquals(a.id(), ours.responses().get(1).topicId());
        DeletableTopicResult missing = ours.responses().get(2);
        assertEquals(ErrorCode.UNKNOWN_TOPIC_ID.code(), missing.errorCode());
        assertNull(missing.name());

        org.apache.kafka.common.requests.DeleteTopicsResponse parsed = KafkaWire.toKafka(ours, (short) 6);
        assertEquals(3, parsed.data().responses().size());
        assertTrue(fixture.registry.topics().isEmpty());
        assertEquals(List.of("deleted b", "deleted a"), fixture.events);
    }

    @Test
    void nameAndIdTogetherNeitherOrTwiceAreInvalidRequest() {
        DeleteTopicsRequest request = new DeleteTopicsRequest().setTopics(new ArrayList<>(List.of(
                new DeleteTopicState().setName("a").setTopicId(a.id()),
                new DeleteTopicState().setName(null).setTopicId(Uuid.ZERO),
                new DeleteTopicState().setTopicId(b.id()),
                new DeleteTopicState().setTopicId(b.id()))));
        DeleteTopicsResponse response = handler.handle(request, (short) 6);
        assertEquals(3, response.responses().size());
        for (DeletableTopicResult result : response.responses()) {
            assertEquals(ErrorCode.INVALID_REQUEST.code(), result.errorCode(), result.errorMessage());
        }
        KafkaWire.toKafka(response, (short) 6);
        assertEquals(2, fixture.registry.topics().size());
        assertTrue(fixture.events.isEmpty());
    }

    @Test
    void v5RepeatedNameIsOneInvalidRequestWithAMessage() {
        DeleteTopicsRequest request = new DeleteTopicsRequest().setTopicNames(new ArrayList<>(List.of("a", "a")));
        DeleteTopicsResponse response = handler.handle(request, (short) 5);
        assertEquals(1, response.responses().size());
        org.apache.kafka.common.requests.DeleteTopicsResponse parsed = KafkaWire.toKafka(response, (short) 5);
        assertEquals(Errors.INVALID_REQUEST.code(), parsed.data().responses().find("a").errorCode());
        assertTrue(parsed.data().responses().find("a").errorMessage().contains("a"));
        assertTrue(fixture.registry.topic("a").isPresent());
    }

    @Test
    void deleteTopicEnableFalseRefusesEveryDeletion() {
        DeleteTopicsHandler disabled = new DeleteTopicsHandler(fixture.registry, false);
        DeleteTopicsResponse response = disabled.handle(new DeleteTopicsRequest().setTopicNames(new ArrayList<>(List.of("a"))), (short) 4);
        assertEquals(ErrorCode.TOPIC_DELETION_DISABLED.code(), response.responses().get(0).errorCode());
        KafkaWire.toKafka(response, (short) 4);
        assertTrue(fixture.registry.topic("a").isPresent());
        assertTrue(fixture.events.isEmpty());
    }
}
