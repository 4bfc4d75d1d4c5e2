package io.samsa.broker.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.CreatePartitionsRequest;
import io.samsa.protocol.message.CreatePartitionsRequest.CreatePartitionsAssignment;
import io.samsa.protocol.message.CreatePartitionsRequest.CreatePartitionsTopic;
import io.samsa.protocol.message.CreatePartitionsResponse;
import io.samsa.protocol.message.CreatePartitionsResponse.CreatePartitionsTopicResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.message.CreatePartitionsRequestData;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CreatePartitionsHandlerTest {
    @TempDir
    Path dir;
    private AdminFixture fixture;
    private CreatePartitionsHandler handler;

    @BeforeEach
    void setUp() {
        fixture = new AdminFixture(dir);
        handler = new CreatePartitionsHandler(fixture.registry, fixture.localBroker);
        fixture.registry.create("t", 3, Map.of());
        fixture.events.clear();
    }

    private CreatePartitionsTopicResult grow(CreatePartitionsTopic topic, boolean validateOnly, short version) {
        CreatePartitionsResponse response = handler.handle(new CreatePartitionsRequest().setValidateOnly(validateOnly)
                .setTopics(new ArrayList<>(List.of(topic))), version);
        KafkaWire.toKafka(response, version);
        return response.results().get(0);
    }

    private static CreatePartitionsTopic topic(String name, int count) {
        return new CreatePartitionsTopic().setName(name).setCount(count).setAssignments(null);
    }

    @Test
    void v0GrowsFromAKafkaBuiltRequest() {
        CreatePartitionsRequestData data = new CreatePartitionsRequestData().setTimeoutMs(1000);
        data.topics().add(new CreatePartitionsRequestData.CreatePartitionsTopic().setName("t").setCount(5).setAssignments(null));
        CreatePartitionsRequest request = KafkaWire.fromKafka(
                new org.apache.kafka.common.requests.CreatePartitionsRequest.Builder(data).build((short) 0), CreatePartitionsRequest::new);
        org.apache.kafka.common.requests.CreatePartitionsResponse parsed = KafkaWire.toKafka(handler.handle(request, (short) 0), (short) 0);
        assertEquals(Errors.NONE.code(), parsed.data().results().get(0).errorCode());
        assertNull(parsed.data().results().get(0).errorMessage());
        assertEquals(5, fixture.registry.topic("t").orElseThrow().partitionCount());
        assertEquals(List.of("added t 3->5"), fixture.events);
    }

    @Test
    void increaseOnly() {
        assertEquals(ErrorCode.INVALID_PARTITIONS.code(), grow(topic("t", 3), false, (short) 3).errorCode());
        assertEquals(ErrorCode.INVALID_PARTITIONS.code(), grow(topic("t", 2), false, (short) 0).errorCode());
        assertEquals(ErrorCode.INVALID_PARTITIONS.code(), grow(topic("t", AdminFixture.MAX_PARTITIONS + 1), false, (short) 3).errorCode());
        assertEquals(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.code(), grow(topic("missing", 4), false, (short) 3).errorCode());
        assertEquals(3, fixture.registry.topic("t").orElseThrow().partitionCount());
        assertTrue(fixture.events.isEmpty());
    }

    @Test
    void validateOnlyChangesNothing() {
        assertEquals(ErrorCode.NONE.code(), grow(topic("t", 10), true, (short) 3).errorCode());
        assertEquals(3, fixture.registry.topic("t").orElseThrow().partitionCount());
        assertTrue(fixture.events.isEmpty());
    }

    @Test
    void assignmentsMustMatchTheAddedPartitionsAndNameOnlyThisNode() {
        CreatePartitionsTopic good = topic("t", 5).setAssignments(new ArrayList<>(List.of(
                assignment(AdminFixture.NODE_ID), assignment(AdminFixture.NODE_ID))));
        assertEquals(ErrorCode.NONE.code(), grow(good, false, (short) 3).errorCode());
        CreatePartitionsTopic tooFew = topic("t", 7).setAssignments(new ArrayList<>(List.of(assignment(AdminFixture.NODE_ID))));
        assertEquals(ErrorCode.INVALID_REPLICA_ASSIGNMENT.code(), grow(tooFew, false, (short) 3).errorCode());
        CreatePartitionsTopic elsewhere = topic("t", 6).setAssignments(new ArrayList<>(List.of(assignment(99))));
        assertEquals(ErrorCode.INVALID_REPLICA_ASSIGNMENT.code(), grow(elsewhere, false, (short) 0).errorCode());
        assertEquals(5, fixture.registry.topic("t").orElseThrow().partitionCount());
    }

    @Test
    void aNameListedTwiceIsOneInvalidRequest() {
        CreatePartitionsResponse response = handler.handle(new CreatePartitionsRequest()
                .setTopics(new ArrayList<>(List.of(topic("t", 4), topic("t", 5)))), (short) 3);
        assertEquals(1, response.results().size());
        assertEquals(ErrorCode.INVALID_REQUEST.code(), response.results().get(0).errorCode());
        assertEquals(3, fixture.registry.topic("t").orElseThrow().partitionCount());
    }

    private static CreatePartitionsAssignment assignment(Integer... brokers) {
        return new CreatePartitionsAssignment().setBrokerIds(new ArrayList<>(List.of(brokers)));
    }
}
