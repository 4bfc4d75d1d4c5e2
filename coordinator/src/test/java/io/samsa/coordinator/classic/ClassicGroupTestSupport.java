package io.samsa.coordinator.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.protobuf.ByteString;
import io.samsa.coordinator.GroupCoordinatorConfig;
import io.samsa.coordinator.GroupCoordinatorTestContext;
import io.samsa.coordinator.group.ClassicGroup;
import io.samsa.coordinator.group.ClassicGroupState;
import io.samsa.coordinator.group.MemberProtocol;
import io.samsa.protocol.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;

/** A loaded one-partition coordinator plus helpers for driving classic groups with a manual clock. */
abstract class ClassicGroupTestSupport {
    static final int SESSION_MS = 10_000;
    static final int REBALANCE_MS = 30_000;
    static final int INITIAL_DELAY_MS = 3_000;
    static final String G = "group";

    final GroupCoordinatorTestContext ctx = new GroupCoordinatorTestContext(GroupCoordinatorConfig.fromProperties(Map.of(
            GroupCoordinatorConfig.OFFSETS_TOPIC_PARTITIONS, "1",
            GroupCoordinatorConfig.GROUP_MAX_SIZE, "3")));

    ClassicGroupTestSupport() {
        ctx.load(0);
    }

    @AfterEach
    void close() {
        ctx.close();
    }

    static JoinGroupRequest joinRequest(String memberId, String instanceId, short version, String... protocols) {
        List<MemberProtocol> list = java.util.Arrays.stream(protocols)
                .map(name -> new MemberProtocol(name, ByteString.copyFromUtf8("sub-" + name))).toList();
        return new JoinGroupRequest(G, memberId, instanceId, "consumer", list, SESSION_MS, REBALANCE_MS, "client", "/127.0.0.1", version);
    }

    CompletableFuture<JoinGroupResult> join(String memberId, String... protocols) {
        return send(ctx.service.joinGroup(joinRequest(memberId, null, (short) 3, protocols.length == 0 ? new String[] {"range"} : protocols)));
    }

    CompletableFuture<JoinGroupResult> joinStatic(String memberId, String instanceId, short version) {
        return send(ctx.service.joinGroup(joinRequest(memberId, instanceId, version, "range")));
    }

    CompletableFuture<SyncGroupResult> sync(String memberId, int generation, Map<String, ByteString> assignments) {
        return send(ctx.service.syncGroup(new SyncGroupRequest(G, memberId, null, generation, "consumer", "range", assignments)));
    }

    ErrorCode heartbeat(String memberId, int generation) {
        return ctx.await(ctx.service.heartbeat(new HeartbeatRequest(G, memberId, null, generation)));
    }

    <T> CompletableFuture<T> send(CompletableFuture<T> future) {
        ctx.executor.runAll();
        return GroupCoordinatorTestContext.nonBlocking(future);
    }

    ClassicGroup group() {
        return ctx.shard(0).groups().group(G);
    }

    /** Two dynamic members through one full rebalance: returns {leaderId, followerId}. */
    String[] stableGroupOfTwo() {
        CompletableFuture<JoinGroupResult> a = join("");
        CompletableFuture<JoinGroupResult> b = join("");
        ctx.sleep(INITIAL_DELAY_MS);
        assertFalse(a.isDone(), "b joined during the initial delay, so it is extended");
        ctx.sleep(INITIAL_DELAY_MS);
        JoinGroupResult leader = a.join();
        JoinGroupResult follower = b.join();
        CompletableFuture<SyncGroupResult> followerSync = sync(follower.memberId(), 1, Map.of());
        assertFalse(followerSync.isDone(), "followers wait for the leader");
        SyncGroupResult leaderSync = sync(leader.memberId(), 1, Map.of(
                leader.memberId(), ByteString.copyFromUtf8("p0"), follower.memberId(), ByteString.copyFromUtf8("p1"))).join();
        assertEquals(ByteString.copyFromUtf8("p0"), leaderSync.assignment());
        assertEquals(ByteString.copyFromUtf8("p1"), followerSync.join().assignment());
        assertEquals(ClassicGroupState.STABLE, group().state());
        return new String[] {leader.memberId(), follower.memberId()};
    }
}
