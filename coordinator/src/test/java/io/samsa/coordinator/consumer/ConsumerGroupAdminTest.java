package io.samsa.coordinator.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.coordinator.GroupCoordinatorConfig;
import io.samsa.coordinator.GroupCoordinatorTestContext;
import io.samsa.coordinator.admin.DescribedGroup;
import io.samsa.coordinator.admin.ListGroupsRequest;
import io.samsa.coordinator.admin.ListGroupsResponse;
import io.samsa.coordinator.offsets.OffsetCommitRequest;
import io.samsa.coordinator.offsets.OffsetFetchRequest;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.types.Uuid;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** ListGroups, DescribeGroups, ConsumerGroupDescribe and DeleteGroups on consumer groups. */
class ConsumerGroupAdminTest extends ConsumerGroupTestSupport {

    @Test
    void listGroupsFiltersConsumerGroupsByType() {
        topics.create("t", 2);
        try (GroupCoordinatorTestContext ctx = context()) {
            ok(ctx, join("a", List.of("t")));
            ListGroupsResponse all = ctx.await(ctx.service.listGroups(ListGroupsRequest.all()));
            assertEquals(List.of(new ListGroupsResponse.Listing(GROUP, "consumer", "Stable", "consumer")), all.groups());
            assertEquals(1, ctx.await(ctx.service.listGroups(new ListGroupsRequest(Set.of(), Set.of("Consumer")))).groups().size());
            assertTrue(ctx.await(ctx.service.listGroups(new ListGroupsRequest(Set.of(), Set.of("classic")))).groups().isEmpty());
            assertTrue(ctx.await(ctx.service.listGroups(new ListGroupsRequest(Set.of("empty"), Set.of()))).groups().isEmpty());
        }
    }

    @Test
    void consumerGroupDescribeShowsMembersAssignmentsAndTargets() {
        Uuid t = topics.create("t", 2);
        try (GroupCoordinatorTestContext ctx = context()) {
            ok(ctx, joinStatic("a", "instance-a", List.of("t")));
            if (ctx.service.partitionFor("nope") != ctx.service.partitionFor(GROUP)) {
                ctx.load(ctx.service.partitionFor("nope"));
            }
            List<DescribedConsumerGroup> described = ctx.await(ctx.service.consumerGroupDescribe(List.of(GROUP, "nope")));
            DescribedConsumerGroup group = described.get(0);
            assertEquals(ErrorCode.NONE, group.error());
            assertEquals("Stable", group.state());
            assertEquals(1, group.groupEpoch());
            assertEquals(1, group.assignmentEpoch());
            assertEquals("uniform", group.assignorName());
            DescribedConsumerGroup.Member member = group.members().get(0);
            assertEquals("a", member.memberId());
            assertEquals("instance-a", member.instanceId());
            assertEquals(List.of("t"), member.subscribedTopicNames());
            assertEquals(List.of(new DescribedConsumerGroup.NamedPartitions(t, "t", List.of(0, 1))), member.assignment());
            assertEquals(member.assignment(), member.targetAssignment());
            assertEquals(ErrorCode.GROUP_ID_NOT_FOUND, described.get(1).error());
        }
    }

    @Test
    void describeGroupsAnswersForClassicGroupsOnly() {
        topics.create("t", 2);
        try (GroupCoordinatorTestContext ctx = context()) {
            ok(ctx, join("a", List.of("t")));
            DescribedGroup v6 = ctx.await(ctx.service.describeGroups(List.of(GROUP), (short) 6)).get(0);
            assertEquals(ErrorCode.GROUP_ID_NOT_FOUND, v6.error());
            DescribedGroup v5 = ctx.await(ctx.service.describeGroups(List.of(GROUP), (short) 5)).get(0);
            assertEquals("Dead", v5.state());
        }
    }

    @Test
    void offsetsOfAConsumerGroupWithMembersDoNotExpireAndThoseOfAnEmptyOneDo() {
        topics.create("t", 2);
        try (GroupCoordinatorTestContext ctx = context(Map.of(GroupCoordinatorConfig.OFFSETS_RETENTION_MINUTES, "1",
                GroupCoordinatorConfig.OFFSETS_RETENTION_CHECK_INTERVAL_MS, "1000"))) {
            ok(ctx, join("a", List.of("t")));
            ctx.await(ctx.service.commitOffsets(new OffsetCommitRequest(GROUP, "a", 1, null, -1, (short) 9,
                    List.of(new OffsetCommitRequest.PartitionCommit("t", 0, 5, -1, "")))));
            for (int i = 0; i < 90; i++) {
                ctx.sleep(1000);
                ok(ctx, beat("a", 1, null));
            }
            assertEquals(1, ctx.await(ctx.service.fetchOffsets(OffsetFetchRequest.allPartitions(GROUP))).partitions().size(),
                    "kept past offsets.retention.minutes while the group has a member");
            ok(ctx, beat("a", -1, null));
            ctx.sleep(61_000);
            ctx.sleep(1000);
            assertTrue(ctx.await(ctx.service.fetchOffsets(OffsetFetchRequest.allPartitions(GROUP))).partitions().isEmpty());
        }
    }

    @Test
    void deleteGroupsRefusesAGroupWithMembersAndDeletesAnEmptyOneWithItsOffsets() {
        topics.create("t", 2);
        try (GroupCoordinatorTestContext ctx = context()) {
            ok(ctx, join("a", List.of("t")));
            ctx.await(ctx.service.commitOffsets(new OffsetCommitRequest(GROUP, "a", 1, null, -1, (short) 9,
                    List.of(new OffsetCommitRequest.PartitionCommit("t", 0, 5, -1, "")))));
            assertEquals(Map.of(GROUP, ErrorCode.NON_EMPTY_GROUP), ctx.await(ctx.service.deleteGroups(List.of(GROUP))));
            ok(ctx, beat("a", -1, null));
            assertEquals(Map.of(GROUP, ErrorCode.NONE), ctx.await(ctx.service.deleteGroups(List.of(GROUP))));
            assertEquals(null, group(ctx));
            assertTrue(ctx.await(ctx.service.fetchOffsets(OffsetFetchRequest.allPartitions(GROUP))).partitions().isEmpty());
            assertTrue(ctx.await(ctx.service.listGroups(ListGroupsRequest.all())).groups().isEmpty());
        }
    }
}
