package io.samsa.metadata.controller;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.metadata.controller.api.AlterPartitionRequest;
import io.samsa.metadata.controller.api.AlterPartitionRequest.IsrChange;
import io.samsa.metadata.controller.api.AlterPartitionResponse;
import io.samsa.metadata.controller.api.ApiError;
import io.samsa.metadata.controller.api.CreatableTopic;
import io.samsa.metadata.controller.api.OngoingReassignment;
import io.samsa.metadata.controller.api.Reassignment;
import io.samsa.metadata.controller.api.TopicPartitionName;
import io.samsa.metadata.image.PartitionRegistration;
import io.samsa.protocol.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReassignmentTest {
    private static final TopicPartitionName T0 = new TopicPartitionName("t", 0);

    private final ControllerTestContext ctx = new ControllerTestContext();

    ReassignmentTest() {
        for (int id = 1; id <= 4; id++) {
            ctx.startBroker(id);
        }
        ctx.commit(ctx.controller.createTopics(ctx.image, List.of(new CreatableTopic("t", -1, (short) -1,
                Map.of(0, List.of(1, 2)), Map.of())), false));
    }

    private ApiError reassign(Optional<List<Integer>> target) {
        return ctx.commit(ctx.controller.alterPartitionReassignments(ctx.image, List.of(new Reassignment(T0, target))))
                .get(T0);
    }

    @Test
    void aReassignmentAddsTheNewReplicasAndCompletesWhenTheyJoinTheIsr() {
        assertEquals(ErrorCode.NONE, reassign(Optional.of(List.of(3, 4))).error());
        PartitionRegistration moving = ctx.partition("t", 0);
        assertArrayEquals(new int[] {3, 4, 1, 2}, moving.replicas());
        assertArrayEquals(new int[] {3, 4}, moving.addingReplicas());
        assertArrayEquals(new int[] {1, 2}, moving.removingReplicas());
        assertEquals(1, moving.leader(), "the old leader leads until the move completes");
        List<OngoingReassignment> listed = ctx.commit(ctx.controller.listPartitionReassignments(ctx.image, Optional.empty()));
        assertEquals(List.of(new OngoingReassignment(T0, List.of(3, 4, 1, 2), List.of(3, 4), List.of(1, 2))), listed);

        AlterPartitionResponse response = ctx.commit(ctx.controller.alterPartition(ctx.image, new AlterPartitionRequest(1,
                ctx.epochs.get(1), List.of(new IsrChange(ctx.topicId("t"), 0, moving.leaderEpoch(), List.of(1, 2, 3, 4),
                moving.partitionEpoch())))));
        assertEquals(ErrorCode.NEW_LEADER_ELECTED, response.partitions().get(0).error().error());
        PartitionRegistration done = ctx.partition("t", 0);
        assertArrayEquals(new int[] {3, 4}, done.replicas());
        assertArrayEquals(new int[] {3, 4}, done.isr());
        assertFalse(done.isReassigning());
        assertEquals(3, done.leader());
        assertTrue(ctx.commit(ctx.controller.listPartitionReassignments(ctx.image, Optional.empty())).isEmpty());
    }

    @Test
    void aReassignmentCanBeCancelled() {
        assertEquals(ErrorCode.NO_REASSIGNMENT_IN_PROGRESS, reassign(Optional.empty()).error());
        reassign(Optional.of(List.of(2, 3)));
        assertArrayEquals(new int[] {2, 3, 1}, ctx.partition("t", 0).replicas());
        assertEquals(ErrorCode.NONE, reassign(Optional.empty()).error());
        PartitionRegistration back = ctx.partition("t", 0);
        // replicas minus the ones being added, in the merged order (as Kafka reverts): the same set
        assertArrayEquals(new int[] {2, 1}, back.replicas());
        assertFalse(back.isReassigning());
        assertEquals(1, back.leader(), "the leader was never moved");
    }

    @Test
    void aTargetAlreadyInTheIsrCompletesAtOnceAndBadTargetsAreRefused() {
        assertEquals(ErrorCode.NONE, reassign(Optional.of(List.of(2, 1))).error());
        assertArrayEquals(new int[] {2, 1}, ctx.partition("t", 0).replicas());
        assertFalse(ctx.partition("t", 0).isReassigning());
        assertEquals(ErrorCode.INVALID_REPLICA_ASSIGNMENT, reassign(Optional.of(List.of())).error());
        assertEquals(ErrorCode.INVALID_REPLICA_ASSIGNMENT, reassign(Optional.of(List.of(1, 9))).error());
        TopicPartitionName missing = new TopicPartitionName("missing", 0);
        assertEquals(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, ctx.commit(ctx.controller.alterPartitionReassignments(ctx.image,
                List.of(new Reassignment(missing, Optional.of(List.of(1)))))).get(missing).error());
    }
}
