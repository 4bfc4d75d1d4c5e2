package io.samsa.metadata.controller;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.samsa.metadata.controller.api.AlterPartitionRequest;
import io.samsa.metadata.controller.api.AlterPartitionRequest.IsrChange;
import io.samsa.metadata.controller.api.AlterPartitionResponse;
import io.samsa.metadata.controller.api.AlterPartitionResponse.PartitionState;
import io.samsa.metadata.controller.api.CreatableTopic;
import io.samsa.metadata.image.PartitionRegistration;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.types.Uuid;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlterPartitionTest {

    private final ControllerTestContext ctx = new ControllerTestContext();

    AlterPartitionTest() {
        for (int id = 1; id <= 3; id++) {
            ctx.startBroker(id);
        }
        ctx.commit(ctx.controller.createTopics(ctx.image, List.of(new CreatableTopic("t", -1, (short) -1,
                Map.of(0, List.of(1, 2, 3)), Map.of())), false));
    }

    private PartitionState alter(int broker, int leaderEpoch, List<Integer> isr, int partitionEpoch) {
        AlterPartitionResponse response = ctx.commit(ctx.controller.alterPartition(ctx.image, new AlterPartitionRequest(
                broker, ctx.epochs.get(broker), List.of(new IsrChange(ctx.topicId("t"), 0, leaderEpoch, isr,
                partitionEpoch)))));
        assertEquals(ErrorCode.NONE, response.error().error());
        return response.partitions().get(0);
    }

    @Test
    void theLeaderShrinksAndExpandsTheIsrAndEachChangeBumpsThePartitionEpoch() {
        PartitionState shrunk = alter(1, 0, List.of(1, 2), 0);
        assertEquals(ErrorCode.NONE, shrunk.error().error());
        assertEquals(List.of(1, 2), shrunk.isr());
        assertEquals(1, shrunk.partitionEpoch());
        assertEquals(0, shrunk.leaderEpoch(), "an ISR change keeps the leader epoch");
        assertArrayEquals(new int[] {1, 2}, ctx.partition("t", 0).isr());

        PartitionState expanded = alter(1, 0, List.of(1, 2, 3), 1);
        assertEquals(ErrorCode.NONE, expanded.error().error());
        assertEquals(2, expanded.partitionEpoch());
    }

    @Test
    void staleEpochsAndNonLeadersGetKafkasErrors() {
        alter(1, 0, List.of(1, 2), 0); // partition epoch 1 now
        assertEquals(ErrorCode.INVALID_UPDATE_VERSION, alter(1, 0, List.of(1), 0).error().error());
        assertEquals(ErrorCode.NOT_CONTROLLER, alter(1, 0, List.of(1), 7).error().error());
        assertEquals(ErrorCode.INVALID_REQUEST, alter(2, 0, List.of(1, 2), 1).error().error(), "not the leader");
        assertEquals(ErrorCode.INVALID_REQUEST, alter(1, 0, List.of(2), 1).error().error(), "leader not in the ISR");
        assertEquals(ErrorCode.INVALID_REQUEST, alter(1, 0, List.of(1, 4), 1).error().error(), "not a replica");

        ctx.time.advance(5_000);
        ctx.heartbeatAll(2, 3);
        ctx.sleep(4_000); // broker 1 fenced: 2 leads with leader epoch 1
        PartitionRegistration now = ctx.partition("t", 0);
        assertEquals(2, now.leader());
        PartitionState fenced = alter(2, 0, List.of(2), now.partitionEpoch());
        assertEquals(ErrorCode.FENCED_LEADER_EPOCH, fenced.error().error());
        assertEquals(1, fenced.leaderEpoch(), "the answer carries the current state");
    }

    @Test
    void aFencedBrokerCannotJoinTheIsr() {
        alter(1, 0, List.of(1, 2), 0);
        ctx.time.advance(5_000);
        ctx.heartbeatAll(1, 2);
        ctx.sleep(4_000); // broker 3 fenced
        PartitionState ineligible = alter(1, 0, List.of(1, 2, 3), 1);
        assertEquals(ErrorCode.INELIGIBLE_REPLICA, ineligible.error().error());
    }

    @Test
    void unknownTopicsAndAStaleBrokerEpochAreRefused() {
        AlterPartitionResponse unknown = ctx.commit(ctx.controller.alterPartition(ctx.image, new AlterPartitionRequest(
                1, ctx.epochs.get(1), List.of(new IsrChange(new Uuid(5, 5), 0, 0, List.of(1), 0)))));
        assertEquals(ErrorCode.UNKNOWN_TOPIC_ID, unknown.partitions().get(0).error().error());
        AlterPartitionResponse stale = ctx.commit(ctx.controller.alterPartition(ctx.image, new AlterPartitionRequest(
                1, ctx.epochs.get(1) - 1, List.of(new IsrChange(ctx.topicId("t"), 0, 0, List.of(1), 0)))));
        assertEquals(ErrorCode.STALE_BROKER_EPOCH, stale.error().error());
    }
}
