package io.samsa.coordinator.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.coordinator.group.ClassicGroup;
import io.samsa.protocol.ErrorCode;
import org.junit.jupiter.api.Test;

/**
 * Found by {@code GroupCoordinatorFuzzTest}: a member told MEMBER_ID_REQUIRED (so pending, and
 * dynamic) rejoins with its new id and a group instance id that a static member already holds.
 * Kafka 4.1 refuses any pending member that carries an instance id with an IllegalStateException,
 * answered as UNKNOWN_SERVER_ERROR; Samsa answers the same here, and the request must not disturb
 * the group: the static member keeps its instance id and the generation stays.
 */
class PendingMemberTurnedStaticTest extends ClassicGroupTestSupport {

    @Test
    void pendingMemberClaimingATakenInstanceIdLeavesTheGroupAsItWas() {
        var staticJoining = joinStatic("", "instance-1", (short) 5);
        ctx.sleep(INITIAL_DELAY_MS);
        JoinGroupResult staticJoin = staticJoining.join();
        assertEquals(ErrorCode.NONE, staticJoin.error());
        JoinGroupResult pending = join("");
        assertEquals(ErrorCode.MEMBER_ID_REQUIRED, pending.error());
        ClassicGroup before = group();

        JoinGroupResult claim = joinStatic(pending.memberId(), "instance-1", (short) 5).join();

        assertEquals(ErrorCode.UNKNOWN_SERVER_ERROR, claim.error());
        ClassicGroup after = group();
        assertEquals(before.generationId(), after.generationId());
        assertEquals(staticJoin.memberId(), after.staticMemberId("instance-1"));
        assertTrue(!after.hasMember(pending.memberId()), "the pending member did not get in");
    }

    private JoinGroupResult join(String memberId) {
        return send(ctx.service.joinGroup(joinRequest(memberId, null, (short) 4, "range"))).join();
    }
}
