package io.samsa.metadata.controller;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.metadata.controller.api.ApiError;
import io.samsa.metadata.controller.api.CreatableTopic;
import io.samsa.metadata.controller.api.ElectionType;
import io.samsa.metadata.controller.api.TopicPartitionName;
import io.samsa.metadata.image.PartitionRegistration;
import io.samsa.protocol.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LeaderElectionTest {

    /** Three live brokers and topic "t" with one partition on replicas [1, 2, 3]. */
    private static ControllerTestContext cluster(ControllerConfig config) {
        ControllerTestContext ctx = new ControllerTestContext(config);
        for (int id = 1; id <= 3; id++) {
            ctx.startBroker(id);
        }
        ctx.commit(ctx.controller.createTopics(ctx.image, List.of(new CreatableTopic("t", -1, (short) -1,
                Map.of(0, List.of(1, 2, 3)), Map.of())), false));
        return ctx;
    }

    @Test
    void fencingTheLeaderMovesLeadershipWithinTheIsrAndShrinksIt() {
        ControllerTestContext ctx = cluster(ControllerConfig.defaults());
        PartitionRegistration before = ctx.partition("t", 0);
        ctx.time.advance(5_000);
        ctx.heartbeatAll(2, 3);
        assertEquals(List.of(1), ctx.sleep(4_000));

        PartitionRegistration after = ctx.partition("t", 0);
        assertEquals(2, after.leader());
        assertArrayEquals(new int[] {2, 3}, after.isr());
        assertEquals(before.leaderEpoch() + 1, after.leaderEpoch());
        assertEquals(before.partitionEpoch() + 1, after.partitionEpoch());
        assertArrayEquals(new int[] {1, 2, 3}, after.replicas(), "replicas stay");
    }

    @Test
    void theLastIsrMemberFencedLeavesNoLeaderUntilItReturns() {
        ControllerTestContext ctx = cluster(ControllerConfig.defaults());
        ctx.sleep(ControllerConfig.SESSION_TIMEOUT_MS_DEFAULT); // all three fenced, one at a time
        PartitionRegistration leaderless = ctx.partition("t", 0);
        assertEquals(PartitionRegistration.NO_LEADER, leaderless.leader());
        assertEquals(1, leaderless.isr().length, "the ISR is never emptied");
        int lastMember = leaderless.isr()[0];

        int other = lastMember == 1 ? 2 : 1;
        ctx.heartbeat(other, false);
        assertEquals(PartitionRegistration.NO_LEADER, ctx.partition("t", 0).leader(),
                "a replica outside the ISR does not lead while unclean election is off");
        ctx.heartbeat(lastMember, false);
        assertEquals(lastMember, ctx.partition("t", 0).leader());
    }

    @Test
    void uncleanElectionLetsAnOutOfSyncReplicaLead() {
        ControllerTestContext ctx = cluster(ControllerConfig.defaults().withUncleanLeaderElection(true));
        ctx.sleep(ControllerConfig.SESSION_TIMEOUT_MS_DEFAULT);
        int lastMember = ctx.partition("t", 0).isr()[0];
        int other = lastMember == 3 ? 2 : 3;
        ctx.heartbeat(other, false);
        PartitionRegistration unclean = ctx.partition("t", 0);
        assertEquals(other, unclean.leader());
        assertArrayEquals(new int[] {other}, unclean.isr());
    }

    @Test
    void preferredElectionMovesLeadershipBackToTheFirstReplica() {
        ControllerTestContext ctx = cluster(ControllerConfig.defaults());
        ctx.time.advance(5_000);
        ctx.heartbeatAll(2, 3);
        ctx.sleep(4_000); // broker 1 fenced: 2 leads
        ctx.heartbeat(1, false); // back, but not in the ISR
        TopicPartitionName t0 = new TopicPartitionName("t", 0);
        Map<TopicPartitionName, ApiError> notAvailable = ctx.commit(ctx.controller.electLeaders(ctx.image,
                ElectionType.PREFERRED, Optional.of(List.of(t0))));
        assertEquals(ErrorCode.PREFERRED_LEADER_NOT_AVAILABLE, notAvailable.get(t0).error());

        PartitionRegistration p = ctx.partition("t", 0);
        ctx.commit(ctx.controller.alterPartition(ctx.image, new io.samsa.metadata.controller.api.AlterPartitionRequest(2,
                ctx.epochs.get(2), List.of(new io.samsa.metadata.controller.api.AlterPartitionRequest.IsrChange(
                ctx.topicId("t"), 0, p.leaderEpoch(), List.of(2, 3, 1), p.partitionEpoch())))));
        Map<TopicPartitionName, ApiError> elected = ctx.commit(ctx.controller.electLeaders(ctx.image,
                ElectionType.PREFERRED, Optional.of(List.of(t0, new TopicPartitionName("nope", 0)))));
        assertEquals(ErrorCode.NONE, elected.get(t0).error());
        assertEquals(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, elected.get(new TopicPartitionName("nope", 0)).error());
        assertEquals(1, ctx.partition("t", 0).leader());

        Map<TopicPartitionName, ApiError> again = ctx.commit(ctx.controller.electLeaders(ctx.image,
                ElectionType.PREFERRED, Optional.of(List.of(t0))));
        assertEquals(ErrorCode.ELECTION_NOT_NEEDED, again.get(t0).error());
        assertTrue(ctx.commit(ctx.controller.electLeaders(ctx.image, ElectionType.PREFERRED, Optional.empty())).isEmpty(),
                "all partitions: the ones not needing an election are left out");
    }

    @Test
    void uncleanElectionTypeElectsOnlyForLeaderlessPartitions() {
        ControllerTestContext ctx = cluster(ControllerConfig.defaults());
        TopicPartitionName t0 = new TopicPartitionName("t", 0);
        assertEquals(ErrorCode.ELECTION_NOT_NEEDED, ctx.commit(ctx.controller.electLeaders(ctx.image,
                ElectionType.UNCLEAN, Optional.of(List.of(t0)))).get(t0).error());
        ctx.sleep(ControllerConfig.SESSION_TIMEOUT_MS_DEFAULT);
        assertEquals(ErrorCode.ELIGIBLE_LEADERS_NOT_AVAILABLE, ctx.commit(ctx.controller.electLeaders(ctx.image,
                ElectionType.UNCLEAN, Optional.of(List.of(t0)))).get(t0).error());
        int lastMember = ctx.partition("t", 0).isr()[0];
        int other = lastMember == 3 ? 2 : 3;
        ctx.heartbeat(other, false);
        assertEquals(ErrorCode.NONE, ctx.commit(ctx.controller.electLeaders(ctx.image,
                ElectionType.UNCLEAN, Optional.of(List.of(t0)))).get(t0).error());
        assertEquals(other, ctx.partition("t", 0).leader());
    }
}
