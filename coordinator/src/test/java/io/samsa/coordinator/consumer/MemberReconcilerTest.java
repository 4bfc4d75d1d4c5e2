package io.samsa.coordinator.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.samsa.protocol.types.Uuid;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every transition of {@link MemberReconciler}, as pure function calls. */
class MemberReconcilerTest {
    private static final Uuid T = new Uuid(7, 7);

    private static ConsumerGroupMember member(int epoch, MemberState state, Assignment assigned, Assignment revoking) {
        return new ConsumerGroupMember("m", null, null, "c", "h", List.of("t"), null, 1000, null, epoch, epoch - 1, state,
                assigned, revoking, null);
    }

    @Test
    void aStableMemberAtTheTargetEpochStaysAsItIs() {
        ConsumerGroupMember stable = member(3, MemberState.STABLE, ConsumerGroupTestSupport.partitions(T, 0), Assignment.EMPTY);
        assertSame(stable, MemberReconciler.reconcile(stable, 3, ConsumerGroupTestSupport.partitions(T, 0), null, Map::of));
    }

    @Test
    void partitionsLeavingTheTargetAreRevokedFirstUnderTheOldEpoch() {
        ConsumerGroupMember stable = member(3, MemberState.STABLE, ConsumerGroupTestSupport.partitions(T, 0, 1), Assignment.EMPTY);
        ConsumerGroupMember next = MemberReconciler.reconcile(stable, 4, ConsumerGroupTestSupport.partitions(T, 0, 2), null, Map::of);
        assertEquals(MemberState.UNREVOKED_PARTITIONS, next.state());
        assertEquals(3, next.memberEpoch());
        assertEquals(ConsumerGroupTestSupport.partitions(T, 0), next.assigned());
        assertEquals(ConsumerGroupTestSupport.partitions(T, 1), next.pendingRevocation());

        assertSame(next, MemberReconciler.reconcile(next, 4, ConsumerGroupTestSupport.partitions(T, 0, 2),
                ConsumerGroupTestSupport.partitions(T, 0, 1), Map::of), "still owns what it must revoke");
        ConsumerGroupMember acked = MemberReconciler.reconcile(next, 4, ConsumerGroupTestSupport.partitions(T, 0, 2),
                ConsumerGroupTestSupport.partitions(T, 0), Map::of);
        assertEquals(MemberState.STABLE, acked.state());
        assertEquals(4, acked.memberEpoch());
        assertEquals(3, acked.previousMemberEpoch());
        assertEquals(ConsumerGroupTestSupport.partitions(T, 0, 2), acked.assigned());
    }

    @Test
    void aPartitionStillHeldElsewhereWaitsUntilReleased() {
        ConsumerGroupMember joined = member(0, MemberState.STABLE, Assignment.EMPTY, Assignment.EMPTY);
        Map<Uuid, Map<Integer, String>> held = Map.of(T, Map.of(1, "other"));
        ConsumerGroupMember waiting = MemberReconciler.reconcile(joined, 5, ConsumerGroupTestSupport.partitions(T, 0, 1), null, () -> held);
        assertEquals(MemberState.UNRELEASED_PARTITIONS, waiting.state());
        assertEquals(5, waiting.memberEpoch());
        assertEquals(ConsumerGroupTestSupport.partitions(T, 0), waiting.assigned());
        assertSame(waiting, MemberReconciler.reconcile(waiting, 5, ConsumerGroupTestSupport.partitions(T, 0, 1), null, () -> held));
        ConsumerGroupMember released = MemberReconciler.reconcile(waiting, 5, ConsumerGroupTestSupport.partitions(T, 0, 1), null,
                () -> Map.of(T, Map.of(0, "m")));
        assertEquals(MemberState.STABLE, released.state());
        assertEquals(ConsumerGroupTestSupport.partitions(T, 0, 1), released.assigned());
    }
}
