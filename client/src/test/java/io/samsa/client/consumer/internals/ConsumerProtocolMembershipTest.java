package io.samsa.client.consumer.internals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.client.errors.GroupAuthorizationException;
import io.samsa.client.errors.NetworkException;
import io.samsa.client.errors.UnsupportedVersionException;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.ConsumerGroupHeartbeatRequest;
import io.samsa.protocol.message.ConsumerGroupHeartbeatResponse;
import io.samsa.protocol.types.Uuid;
import io.samsa.protocol.util.ManualTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The KIP-848 member state machine on a manual clock against scripted ConsumerGroupHeartbeat
 * answers: join, assignment and acknowledgement, revocation then assignment, fencing and rejoin,
 * leaving (dynamic and static), max.poll.interval.ms expiry, and the error answers.
 */
class ConsumerProtocolMembershipTest {
    private static final int REBALANCE_MS = 30_000;
    private static final int INTERVAL_MS = 500;
    private static final long BACKOFF_MS = 100;
    private static final Uuid TOPIC_A = new Uuid(1, 1);
    private static final Uuid TOPIC_B = new Uuid(2, 2);

    private final ManualTime time = new ManualTime(1_000_000);

    private ConsumerProtocolMembership membership(Optional<String> instanceId) {
        GroupSettings group = new GroupSettings("group", instanceId, 45_000, REBALANCE_MS, 3_000, BACKOFF_MS);
        return new ConsumerProtocolMembership(new ConsumerProtocolSettings(group, Optional.of("rack-1"), Optional.of("range")),
            "member-1", time.milliseconds());
    }

    private static SortedSet<String> topics(String... names) {
        return new TreeSet<>(List.of(names));
    }

    @SuppressWarnings("unchecked")
    private static MemberAssignment assignment(Object... idThenPartitions) {
        Map<Uuid, SortedSet<Integer>> partitions = new TreeMap<>();
        for (int i = 0; i < idThenPartitions.length; i += 2) {
            partitions.put((Uuid) idThenPartitions[i], new TreeSet<>((List<Integer>) idThenPartitions[i + 1]));
        }
        return new MemberAssignment(partitions);
    }

    private static ConsumerGroupHeartbeatResponse answer(int epoch, MemberAssignment target) {
        ConsumerGroupHeartbeatResponse response = new ConsumerGroupHeartbeatResponse().setMemberId("member-1")
            .setMemberEpoch(epoch).setHeartbeatIntervalMs(INTERVAL_MS);
        if (target != null) {
            List<ConsumerGroupHeartbeatResponse.TopicPartitions> topics = new ArrayList<>();
            target.partitions().forEach((id, ps) -> topics.add(new ConsumerGroupHeartbeatResponse.TopicPartitions()
                .setTopicId(id).setPartitions(new ArrayList<>(ps))));
            response.setAssignment(new ConsumerGroupHeartbeatResponse.Assignment().setTopicPartitions(topics));
        }
        return response;
    }

    private static ConsumerGroupHeartbeatResponse error(ErrorCode error) {
        return new ConsumerGroupHeartbeatResponse().setErrorCode(error.code()).setMemberEpoch(-1);
    }

    private ConsumerGroupHeartbeatRequest due(ConsumerProtocolMembership m) {
        ConsumerGroupHeartbeatRequest request = m.heartbeatIfDue(time.milliseconds());
        assertNotNull(request, "a heartbeat is due in " + m.state());
        return request;
    }

    /** Joins, takes {@code target} at epoch 1 and acknowledges it: STABLE. */
    private ConsumerProtocolMembership stable(Optional<String> instanceId, MemberAssignment target) {
        ConsumerProtocolMembership m = membership(instanceId);
        m.subscribe(topics("a"));
        due(m);
        m.onHeartbeatResponse(answer(1, target), time.milliseconds());
        m.onReconciled(m.reconciliationTarget());
        due(m);
        m.onHeartbeatResponse(answer(1, null), time.milliseconds());
        assertEquals(ConsumerMemberState.STABLE, m.state());
        return m;
    }

    @Test
    void joinSendsEveryFieldThenAcknowledgesTheTargetWithADelta() {
        ConsumerProtocolMembership m = membership(Optional.empty());
        assertNull(m.heartbeatIfDue(time.milliseconds()), "no heartbeat before subscribing");
        m.subscribe(topics("b", "a"));
        assertEquals(ConsumerMemberState.JOINING, m.state());
        ConsumerGroupHeartbeatRequest join = due(m);
        assertEquals("group", join.groupId());
        assertEquals("member-1", join.memberId());
        assertEquals(0, join.memberEpoch());
        assertEquals(REBALANCE_MS, join.rebalanceTimeoutMs(), "rebalance timeout = max.poll.interval.ms");
        assertEquals(List.of("a", "b"), join.subscribedTopicNames());
        assertEquals("range", join.serverAssignor());
        assertEquals("rack-1", join.rackId());
        assertEquals(List.of(), join.topicPartitions());
        assertNull(m.heartbeatIfDue(time.milliseconds()), "one heartbeat in flight at a time");

        MemberAssignment target = assignment(TOPIC_A, List.of(0, 1));
        assertEquals(ConsumerProtocolMembership.Outcome.OK, m.onHeartbeatResponse(answer(1, target), time.milliseconds()));
        assertEquals(ConsumerMemberState.RECONCILING, m.state());
        assertEquals(1, m.memberEpoch());
        assertEquals(INTERVAL_MS, m.heartbeatIntervalMs());
        assertEquals(target, m.reconciliationTarget());
        assertNull(m.heartbeatIfDue(time.milliseconds()), "not due while reconciling, before the interval");

        m.onReconciled(target);
        assertEquals(ConsumerMemberState.ACKNOWLEDGING, m.state());
        assertEquals(0, m.timeToNextHeartbeatMs(time.milliseconds()), "the acknowledgement goes at once");
        ConsumerGroupHeartbeatRequest ack = due(m);
        assertEquals(1, ack.memberEpoch());
        assertEquals(target.toRequest(), ack.topicPartitions());
        assertNull(ack.subscribedTopicNames(), "unchanged: not sent");
        assertEquals(-1, ack.rebalanceTimeoutMs(), "sent only in full requests");
        assertNull(ack.serverAssignor());
        m.onHeartbeatResponse(answer(1, null), time.milliseconds());
        assertEquals(ConsumerMemberState.STABLE, m.state());

        time.advance(INTERVAL_MS - 1);
        assertNull(m.heartbeatIfDue(time.milliseconds()), "not before the broker's interval");
        time.advance(1);
        ConsumerGroupHeartbeatRequest steady = due(m);
        assertNull(steady.topicPartitions(), "owned partitions unchanged: not sent");
        assertNull(steady.subscribedTopicNames());
    }

    @Test
    void aSubscriptionChangeGoesOutAtOnceAsADelta() {
        ConsumerProtocolMembership m = stable(Optional.empty(), assignment(TOPIC_A, List.of(0)));
        m.subscribe(topics("a"));
        assertNull(m.heartbeatIfDue(time.milliseconds()), "the same topics are no change");
        m.subscribe(topics("a", "c"));
        ConsumerGroupHeartbeatRequest request = due(m);
        assertEquals(List.of("a", "c"), request.subscribedTopicNames());
        assertNull(request.topicPartitions());
    }

    @Test
    void revocationThenAssignmentAreReconciledAndAcknowledgedInTurn() {
        ConsumerProtocolMembership m = stable(Optional.empty(), assignment(TOPIC_A, List.of(0, 1)));
        time.advance(INTERVAL_MS);
        due(m);
        // another member joined: partition 1 must be released first
        MemberAssignment shrunk = assignment(TOPIC_A, List.of(0));
        m.onHeartbeatResponse(answer(2, shrunk), time.milliseconds());
        assertEquals(ConsumerMemberState.RECONCILING, m.state());
        assertEquals(shrunk, m.reconciliationTarget());
        assertEquals(2, m.generationIfStable().generationId(), "commits carry the latest epoch");
        m.onReconciled(shrunk);
        ConsumerGroupHeartbeatRequest ack = due(m);
        assertEquals(2, ack.memberEpoch());
        assertEquals(shrunk.toRequest(), ack.topicPartitions());
        // then a new topic's partition becomes free for this member
        MemberAssignment grown = assignment(TOPIC_A, List.of(0), TOPIC_B, List.of(3));
        m.onHeartbeatResponse(answer(3, grown), time.milliseconds());
        assertEquals(ConsumerMemberState.RECONCILING, m.state());
        m.onReconciled(grown);
        assertEquals(grown.toRequest(), due(m).topicPartitions());
        m.onHeartbeatResponse(answer(3, null), time.milliseconds());
        assertEquals(ConsumerMemberState.STABLE, m.state());
        assertEquals(grown, m.owned());
        assertEquals(new GroupMembership.Generation(3, "member-1", null), m.generationIfStable());
    }

    @Test
    void aTargetEqualToWhatIsOwnedOnlyMovesTheEpoch() {
        MemberAssignment owned = assignment(TOPIC_A, List.of(0));
        ConsumerProtocolMembership m = stable(Optional.empty(), owned);
        time.advance(INTERVAL_MS);
        due(m);
        m.onHeartbeatResponse(answer(5, owned), time.milliseconds());
        assertEquals(ConsumerMemberState.STABLE, m.state());
        assertNull(m.reconciliationTarget());
        assertEquals(5, m.memberEpoch());
    }

    @Test
    void fencingLosesThePartitionsAndRejoinsWithEpochZeroAndTheSameId() {
        for (ErrorCode fencing : List.of(ErrorCode.FENCED_MEMBER_EPOCH, ErrorCode.UNKNOWN_MEMBER_ID)) {
            ConsumerProtocolMembership m = stable(Optional.empty(), assignment(TOPIC_A, List.of(0, 1)));
            time.advance(INTERVAL_MS);
            due(m);
            m.onHeartbeatResponse(error(fencing), time.milliseconds());
            assertEquals(ConsumerMemberState.FENCED, m.state(), fencing.name());
            assertTrue(m.partitionsLost());
            assertNull(m.generationIfStable(), "no commits while fenced");
            time.advance(10 * INTERVAL_MS);
            assertNull(m.heartbeatIfDue(time.milliseconds()), "no heartbeat before onPartitionsLost ran");
            m.rejoinAfterLost();
            assertEquals(ConsumerMemberState.JOINING, m.state());
            ConsumerGroupHeartbeatRequest rejoin = due(m);
            assertEquals(0, rejoin.memberEpoch());
            assertEquals("member-1", rejoin.memberId());
            assertEquals(List.of(), rejoin.topicPartitions());
            assertEquals(List.of("a"), rejoin.subscribedTopicNames());
            assertEquals(REBALANCE_MS, rejoin.rebalanceTimeoutMs());
        }
    }

    @Test
    void leavingSendsEpochMinusOneOrMinusTwoForAStaticMember() {
        ConsumerProtocolMembership dynamic = stable(Optional.empty(), assignment(TOPIC_A, List.of(0)));
        ConsumerGroupHeartbeatRequest leave = dynamic.leave();
        assertEquals(-1, leave.memberEpoch());
        assertEquals("member-1", leave.memberId());
        assertEquals(ConsumerMemberState.UNSUBSCRIBED, dynamic.state());
        time.advance(10 * INTERVAL_MS);
        assertNull(dynamic.heartbeatIfDue(time.milliseconds()), "no heartbeats after leaving");
        assertNull(dynamic.leave(), "leaving twice sends nothing");

        ConsumerProtocolMembership fixed = stable(Optional.of("instance-1"), assignment(TOPIC_A, List.of(0)));
        ConsumerGroupHeartbeatRequest staticLeave = fixed.leave();
        assertEquals(-2, staticLeave.memberEpoch(), "a static member keeps its partitions for the session timeout");
        assertEquals("instance-1", staticLeave.instanceId());

        fixed.subscribe(topics("a"));
        assertEquals(ConsumerMemberState.JOINING, fixed.state(), "subscribing again joins again");
        assertEquals(0, due(fixed).memberEpoch());
    }

    @Test
    void pollTimeoutLeavesTheGroupAndTheNextPollRejoins() {
        ConsumerProtocolMembership m = stable(Optional.empty(), assignment(TOPIC_A, List.of(0)));
        time.advance(REBALANCE_MS);
        assertNull(m.leaveIfPollTimeoutExpired(time.milliseconds()), "exactly max.poll.interval.ms is still in time");
        time.advance(1);
        ConsumerGroupHeartbeatRequest leave = m.leaveIfPollTimeoutExpired(time.milliseconds());
        assertNotNull(leave);
        assertEquals(-1, leave.memberEpoch());
        assertEquals(ConsumerMemberState.STALE, m.state());
        assertTrue(m.partitionsLost());
        assertNull(m.leaveIfPollTimeoutExpired(time.milliseconds()), "leaves once");
        m.onPoll(time.milliseconds());
        m.rejoinAfterLost();
        assertEquals(0, due(m).memberEpoch());
    }

    @Test
    void coordinatorErrorsRetryWithEveryField() {
        ConsumerProtocolMembership m = stable(Optional.empty(), assignment(TOPIC_A, List.of(0)));
        time.advance(INTERVAL_MS);
        due(m);
        assertEquals(ConsumerProtocolMembership.Outcome.COORDINATOR_LOST,
            m.onHeartbeatResponse(error(ErrorCode.NOT_COORDINATOR), time.milliseconds()));
        ConsumerGroupHeartbeatRequest retry = due(m);
        assertEquals(REBALANCE_MS, retry.rebalanceTimeoutMs(), "full request after an error");
        assertEquals(List.of("a"), retry.subscribedTopicNames());
        assertNotNull(retry.topicPartitions());
        assertEquals(1, retry.memberEpoch(), "the epoch is kept");

        m.onHeartbeatResponse(error(ErrorCode.COORDINATOR_LOAD_IN_PROGRESS), time.milliseconds());
        assertNull(m.heartbeatIfDue(time.milliseconds()), "retried after retry.backoff.ms");
        time.advance(BACKOFF_MS);
        assertEquals(REBALANCE_MS, due(m).rebalanceTimeoutMs());

        m.onHeartbeatFailure(new NetworkException("gone"), time.milliseconds());
        assertNull(m.heartbeatIfDue(time.milliseconds()));
        time.advance(BACKOFF_MS);
        assertEquals(REBALANCE_MS, due(m).rebalanceTimeoutMs());
        assertEquals(ConsumerMemberState.STABLE, m.state());
    }

    @Test
    void fatalErrorsStopTheMember() {
        ConsumerProtocolMembership m = stable(Optional.empty(), assignment(TOPIC_A, List.of(0)));
        time.advance(INTERVAL_MS);
        due(m);
        m.onHeartbeatResponse(error(ErrorCode.GROUP_AUTHORIZATION_FAILED), time.milliseconds());
        assertEquals(ConsumerMemberState.FATAL, m.state());
        assertInstanceOf(GroupAuthorizationException.class, m.fatalError().orElseThrow());
        time.advance(INTERVAL_MS);
        assertNull(m.heartbeatIfDue(time.milliseconds()));
        assertNull(m.leave(), "a failed member sends no leave");

        ConsumerProtocolMembership old = membership(Optional.empty());
        old.subscribe(topics("a"));
        due(old);
        old.onHeartbeatFailure(new UnsupportedVersionException("no api 68"), time.milliseconds());
        assertEquals(ConsumerMemberState.FATAL, old.state());
        assertTrue(old.fatalError().orElseThrow().getMessage().contains("does not support the new CONSUMER group protocol"));
    }

    @Test
    void aRegexSubscriptionIsSentAsTheExpression() {
        ConsumerProtocolMembership m = membership(Optional.empty());
        m.subscribeRegex("orders-.*");
        ConsumerGroupHeartbeatRequest join = due(m);
        assertEquals("orders-.*", join.subscribedTopicRegex());
        assertNull(join.subscribedTopicNames());
        m.onHeartbeatResponse(answer(1, MemberAssignment.EMPTY), time.milliseconds());
        assertEquals(ConsumerMemberState.RECONCILING, m.state(), "even an empty first target is reconciled (onPartitionsAssigned([]))");
        m.onReconciled(MemberAssignment.EMPTY);
        assertNull(due(m).subscribedTopicRegex(), "unchanged: not sent");
        m.onHeartbeatResponse(answer(1, null), time.milliseconds());
        assertEquals(ConsumerMemberState.STABLE, m.state());
    }

    @Test
    void aLateAnswerAfterFencingOrLeavingChangesNothing() {
        ConsumerProtocolMembership m = stable(Optional.empty(), assignment(TOPIC_A, List.of(0)));
        time.advance(INTERVAL_MS);
        due(m);
        m.leave();
        m.onHeartbeatResponse(answer(7, assignment(TOPIC_B, List.of(1))), time.milliseconds());
        assertEquals(ConsumerMemberState.UNSUBSCRIBED, m.state());
        assertNull(m.reconciliationTarget());
        m.onReconciled(assignment(TOPIC_B, List.of(1)));
        assertEquals(MemberAssignment.EMPTY, m.owned(), "a reconciliation finishing after the member left is dropped");
    }

    @Test
    void stateTransitionsAreChecked() {
        assertTrue(ConsumerMemberState.ACKNOWLEDGING.canTransitionFrom(ConsumerMemberState.RECONCILING));
        assertFalse(ConsumerMemberState.ACKNOWLEDGING.canTransitionFrom(ConsumerMemberState.STABLE));
        assertFalse(ConsumerMemberState.JOINING.canTransitionFrom(ConsumerMemberState.STABLE));
        assertFalse(ConsumerMemberState.UNSUBSCRIBED.canTransitionFrom(ConsumerMemberState.FATAL));
        assertThrows(NullPointerException.class, () -> new io.samsa.client.consumer.SubscriptionPattern(null));
    }
}
