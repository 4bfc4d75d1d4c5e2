package io.samsa.coordinator.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.samsa.coordinator.group.ClassicGroupMember;
import io.samsa.coordinator.group.ClassicGroupState;
import io.samsa.protocol.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Members that leave a new group while its initial rebalance delay runs (librdkafka consumers
 * closed right after subscribing, issue 17 item 2): as in Kafka's
 * {@code removeMemberAndUpdateClassicGroup}, a removal after which every remaining member has
 * rejoined ends the join phase at once, so the last leave makes the group Empty and deletable.
 */
class LeaveDuringInitialDelayTest extends ClassicGroupTestSupport {

    @Test
    void aLoneMemberLeavingDuringTheInitialDelayLeavesAnEmptyDeletableGroup() {
        CompletableFuture<JoinGroupResult> only = join("");
        leave(memberIds().get(0));
        assertEquals(ErrorCode.UNKNOWN_MEMBER_ID, only.join().error());
        assertEquals(ClassicGroupState.EMPTY, group().state());
        assertEquals(Map.of(G, ErrorCode.NONE), ctx.await(ctx.service.deleteGroups(List.of(G))));
    }

    @Test
    void lastMemberLeavingDuringTheInitialDelayLeavesAnEmptyDeletableGroup() {
        List<CompletableFuture<JoinGroupResult>> joins = List.of(join(""), join(""));
        assertEquals(ClassicGroupState.PREPARING_REBALANCE, group().state());
        List<String> ids = memberIds();

        leave(ids.get(0));
        // The leaver's parked join is refused; the other member is all that is left, so its generation starts.
        assertEquals(List.of(ErrorCode.NONE, ErrorCode.UNKNOWN_MEMBER_ID), answers(joins));
        leave(ids.get(1));

        assertEquals(ClassicGroupState.EMPTY, group().state(), "no member is left to wait for");
        assertEquals(Map.of(G, ErrorCode.NONE), ctx.await(ctx.service.deleteGroups(List.of(G))));
    }

    @Test
    void aLeaveDuringTheInitialDelayCompletesTheJoinOfTheMembersLeft() {
        List<CompletableFuture<JoinGroupResult>> joins = List.of(join(""), join(""), join(""));
        leave(memberIds().get(2));

        // The two left have both joined: their generation starts now, not when the delay runs out.
        assertEquals(List.of(ErrorCode.NONE, ErrorCode.NONE, ErrorCode.UNKNOWN_MEMBER_ID), answers(joins));
        assertEquals(ClassicGroupState.COMPLETING_REBALANCE, group().state());
        assertEquals(1, group().generationId());
        assertEquals(2, memberIds().size());
    }

    @Test
    void withoutALeaveTheInitialDelayStillHoldsTheJoin() {
        CompletableFuture<JoinGroupResult> only = join("");
        ctx.sleep(INITIAL_DELAY_MS - 1);
        assertFalse(only.isDone(), "unchanged: a join alone waits group.initial.rebalance.delay.ms");
        ctx.sleep(1);
        assertEquals(ErrorCode.NONE, only.join().error());
    }

    private List<String> memberIds() {
        return group().members().stream().map(ClassicGroupMember::memberId).sorted().toList();
    }

    /** @return the errors of the answered joins, NONE first */
    private static List<ErrorCode> answers(List<CompletableFuture<JoinGroupResult>> joins) {
        return joins.stream().filter(CompletableFuture::isDone).map(join -> join.join().error()).sorted().toList();
    }

    private void leave(String memberId) {
        LeaveGroupResult left = ctx.await(ctx.service.leaveGroup(new LeaveGroupRequest(G,
                List.of(new LeaveGroupRequest.LeavingMember(memberId, null)))));
        assertEquals(ErrorCode.NONE, left.error());
        assertEquals(ErrorCode.NONE, left.members().get(0).error());
    }
}
