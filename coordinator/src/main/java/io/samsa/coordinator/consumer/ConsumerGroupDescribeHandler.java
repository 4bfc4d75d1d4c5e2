package io.samsa.coordinator.consumer;

import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.types.Uuid;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * ConsumerGroupDescribe on one shard, a read. A group id that is no consumer group answers
 * GROUP_ID_NOT_FOUND, with Kafka's message ("Group g is not a consumer group." when it is a
 * classic group, which tells Kafka's Admin client to describe it with DescribeGroups instead).
 * Stateless apart from its topic view and config; thread-safe.
 */
public final class ConsumerGroupDescribeHandler {
    private final TopicLookup image;
    private final ConsumerGroupConfig config;

    public ConsumerGroupDescribeHandler(TopicLookup image, ConsumerGroupConfig config) {
        this.image = image;
        this.config = config;
    }

    public List<DescribedConsumerGroup> describe(ConsumerGroupStore groups, ClassicGroupProbe classic, List<String> groupIds) {
        List<DescribedConsumerGroup> described = new ArrayList<>(groupIds.size());
        for (String groupId : groupIds) {
            ConsumerGroup group = groups.group(groupId);
            if (group == null) {
                String message = classic.status(groupId) == ClassicGroupProbe.Status.NONE
                        ? "Group " + groupId + " not found." : "Group " + groupId + " is not a consumer group.";
                described.add(DescribedConsumerGroup.failed(groupId, ErrorCode.GROUP_ID_NOT_FOUND, message));
            } else {
                described.add(describe(group));
            }
        }
        return described;
    }

    private DescribedConsumerGroup describe(ConsumerGroup group) {
        List<DescribedConsumerGroup.Member> members = new ArrayList<>(group.size());
        List<ConsumerGroupMember> sorted = new ArrayList<>(group.members());
        sorted.sort(Comparator.comparing(ConsumerGroupMember::memberId));
        for (ConsumerGroupMember member : sorted) {
            members.add(new DescribedConsumerGroup.Member(member.memberId(), member.instanceId(), member.rackId(),
                    member.memberEpoch(), member.clientId(), member.clientHost(), member.subscribedTopicNames(),
                    member.subscribedTopicRegex(), named(member.assigned()), named(group.targetAssignment(member.memberId())),
                    member.usesClassicProtocol()));
        }
        String assignor = TargetAssignmentBuilder.assignorFor(group.members(), config.assignors()).name();
        return new DescribedConsumerGroup(group.groupId(), ErrorCode.NONE, null, group.state().displayName(), group.groupEpoch(),
                group.targetAssignmentEpoch(), assignor, members);
    }

    private List<DescribedConsumerGroup.NamedPartitions> named(Assignment assignment) {
        List<DescribedConsumerGroup.NamedPartitions> named = new ArrayList<>();
        for (Map.Entry<Uuid, SortedSet<Integer>> entry : assignment.partitions().entrySet()) {
            image.topic(entry.getKey()).ifPresent(topic ->
                    named.add(new DescribedConsumerGroup.NamedPartitions(topic.id(), topic.name(), List.copyOf(entry.getValue()))));
        }
        return named;
    }
}
