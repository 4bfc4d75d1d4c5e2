package io.samsa.coordinator.group;

import static io.samsa.coordinator.TestGroups.member;
import static io.samsa.coordinator.TestGroups.staticMember;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.samsa.coordinator.TestGroups;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClassicGroupTest {

    private static ClassicGroup groupOf(ClassicGroupMember... members) {
        ClassicGroup group = ClassicGroup.empty("g", 0L).withProtocolType("consumer");
        for (ClassicGroupMember m : members) {
            group = group.withMember(m);
        }
        return group;
    }

    @Test
    void theProtocolWithMostFirstChoiceVotesAmongCommonOnesWins() {
        ClassicGroup group = groupOf(
                member("a", "range", "roundrobin", "sticky"),
                member("b", "roundrobin", "range"),
                member("c", "sticky", "roundrobin", "range"),
                member("d", "roundrobin", "range", "sticky"));
        // "sticky" is not supported by b, so it is no candidate: c votes for its next choice.
        assertEquals(Set.of("range", "roundrobin"), group.candidateProtocols());
        assertEquals("roundrobin", group.selectProtocol());
    }

    @Test
    void votesDecideEvenAgainstTheLeadersPreference() {
        ClassicGroup group = groupOf(member("a", "range", "roundrobin"),
                member("b", "roundrobin", "range"), member("c", "roundrobin", "range"));
        assertEquals("roundrobin", group.selectProtocol());
    }

    @Test
    void tiesGoToTheEarliestMembersPreference() {
        ClassicGroup group = groupOf(member("a", "range", "roundrobin"), member("b", "roundrobin", "range"));
        assertEquals("range", group.selectProtocol());
        ClassicGroup reversed = groupOf(member("b", "roundrobin", "range"), member("a", "range", "roundrobin"));
        assertEquals("roundrobin", reversed.selectProtocol());
    }

    @Test
    void noCommonProtocolCannotBeSelected() {
        ClassicGroup group = new ClassicGroup("g", ClassicGroupState.PREPARING_REBALANCE, 0L, "consumer", 0, null, "a",
                List.of(member("a", "range"), member("b", "roundrobin")));
        assertThrows(IllegalStateException.class, group::selectProtocol);
    }

    @Test
    void supportsProtocolsChecksTypeAndACommonProtocol() {
        ClassicGroup empty = ClassicGroup.empty("g", 0L);
        assertTrue(empty.supportsProtocols("consumer", Set.of("anything")));
        assertFalse(empty.supportsProtocols("", Set.of("range")));
        assertFalse(empty.supportsProtocols("consumer", Set.of()));

        ClassicGroup group = groupOf(member("a", "range", "roundrobin"), member("b", "roundrobin"));
        assertTrue(group.supportsProtocols("consumer", Set.of("roundrobin")));
        assertFalse(group.supportsProtocols("consumer", Set.of("range")), "b does not support range");
        assertFalse(group.supportsProtocols("connect", Set.of("roundrobin")), "wrong protocol type");
    }

    @Test
    void firstMemberLeadsAndTheEarliestRemainingSucceedsIt() {
        ClassicGroup group = groupOf(member("a", "range"), member("b", "range"), member("c", "range"));
        assertEquals("a", group.leaderId());
        ClassicGroup withoutLeader = group.withoutMember("a");
        assertEquals("b", withoutLeader.leaderId());
        assertEquals(List.of("b", "c"), withoutLeader.members().stream().map(ClassicGroupMember::memberId).toList());
        ClassicGroup withoutFollower = group.withoutMember("c");
        assertEquals("a", withoutFollower.leaderId());
        assertNull(group.withoutMember("a").withoutMember("b").withoutMember("c").leaderId());
    }

    @Test
    void replacingAStaticMemberKeepsPlaceAssignmentAndLeadership() {
        ClassicGroup stable = TestGroups.stableGroup("g", 0L, staticMember("old", "instance-1", "range"), member("b", "range"));
        ClassicGroup replaced = stable.withStaticMemberReplaced("old", "new");
        assertEquals("new", replaced.leaderId());
        assertEquals("new", replaced.staticMemberId("instance-1"));
        assertFalse(replaced.hasMember("old"));
        assertEquals(stable.member("old").assignment(), replaced.member("new").assignment());
        assertEquals(List.of("new", "b"), replaced.members().stream().map(ClassicGroupMember::memberId).toList());
        assertThrows(IllegalArgumentException.class, () -> stable.withStaticMemberReplaced("b", "x"));
    }

    @Test
    void nextGenerationBumpsTheGenerationChoosesAProtocolAndClearsAssignments() {
        ClassicGroup stable = TestGroups.stableGroup("g", 0L, member("a", "range"), member("b", "range"));
        assertEquals(1, stable.generationId());
        assertEquals(ByteString.copyFromUtf8("assignment-a"), stable.member("a").assignment());

        ClassicGroup next = stable.transitionTo(ClassicGroupState.PREPARING_REBALANCE, 5L).withNextGeneration(6L);
        assertEquals(2, next.generationId());
        assertEquals("range", next.protocolName());
        assertEquals(ClassicGroupState.COMPLETING_REBALANCE, next.state());
        assertEquals(6L, next.currentStateTimestampMs());
        assertTrue(next.members().stream().allMatch(m -> m.assignment().isEmpty()));

        ClassicGroup emptied = stable.transitionTo(ClassicGroupState.PREPARING_REBALANCE, 5L)
                .withoutMember("a").withoutMember("b").withNextGeneration(7L);
        assertEquals(ClassicGroupState.EMPTY, emptied.state());
        assertEquals(2, emptied.generationId());
        assertNull(emptied.protocolName());

        assertThrows(IllegalStateException.class, () -> stable.withNextGeneration(8L), "only from PreparingRebalance");
    }

    @Test
    void assignmentsMissingFromTheMapAreEmpty() {
        ClassicGroup group = groupOf(member("a", "range"), member("b", "range"))
                .withAssignments(Map.of("a", ByteString.copyFromUtf8("x")));
        assertEquals(ByteString.copyFromUtf8("x"), group.member("a").assignment());
        assertEquals(ByteString.EMPTY, group.member("b").assignment());
    }

    @Test
    void duplicateMemberOrInstanceIdsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ClassicGroup("g", ClassicGroupState.EMPTY, 0L, null, 0, null, null,
                List.of(member("a", "range"), member("a", "range"))));
        assertThrows(IllegalArgumentException.class, () -> new ClassicGroup("g", ClassicGroupState.EMPTY, 0L, null, 0, null, null,
                List.of(staticMember("a", "i", "range"), staticMember("b", "i", "range"))));
    }

    @Test
    void softStateTracksPendingMembersAndParkedResponses() {
        ClassicGroup group = groupOf(member("a", "range"), member("b", "range"));
        ClassicGroupSoftState<String, String> soft = new ClassicGroupSoftState<>();
        soft.addPendingMember("p");
        java.util.concurrent.CompletableFuture<String> first = new java.util.concurrent.CompletableFuture<>();
        soft.awaitingJoin().park("a", first);
        soft.awaitingJoin().park("b", new java.util.concurrent.CompletableFuture<>());
        assertEquals(first, soft.awaitingJoin().park("a", new java.util.concurrent.CompletableFuture<>()),
                "a second park hands back the first response to be answered");
        assertFalse(soft.allKnownMembersRejoined(group), "p is still pending");
        assertTrue(soft.removePendingMember("p"));
        assertTrue(soft.allKnownMembersRejoined(group));
        assertEquals(List.of("a", "b"), List.copyOf(soft.awaitingJoin().takeAll().keySet()));
        assertEquals(0, soft.awaitingJoin().size());
        assertFalse(soft.allKnownMembersRejoined(group));
    }
}
