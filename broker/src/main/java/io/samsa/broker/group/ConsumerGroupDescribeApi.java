package io.samsa.broker.group;

import io.samsa.broker.api.RequestContext;
import io.samsa.broker.security.AuthorizedOperations;
import io.samsa.broker.security.Authorizer;
import io.samsa.broker.security.ResourceType;
import io.samsa.coordinator.GroupCoordinatorService;
import io.samsa.coordinator.consumer.DescribedConsumerGroup;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.ConsumerGroupDescribeRequest;
import io.samsa.protocol.message.ConsumerGroupDescribeResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * ConsumerGroupDescribe (KIP-848, v0-1) to the coordinator and back, with v1's member type (KIP-1099:
 * 1 for consumer-protocol members, 0 for classic members of a migrated group). Authorized
 * operations are reported only when asked for and only on groups described without error, as in
 * DescribeGroups. Thread-safe.
 */
final class ConsumerGroupDescribeApi extends GroupApiHandler<ConsumerGroupDescribeRequest, ConsumerGroupDescribeResponse> {
    /** ConsumerGroupDescribe v1's member type of a consumer-protocol member (KIP-1099). */
    static final byte CONSUMER_MEMBER_TYPE = 1;
    /** ConsumerGroupDescribe v1's member type of a classic-protocol member of a consumer group (KIP-1099). */
    static final byte CLASSIC_MEMBER_TYPE = 0;

    private final Authorizer authorizer;

    ConsumerGroupDescribeApi(Supplier<GroupCoordinatorService> coordinator, Authorizer authorizer) {
        super(ApiKey.CONSUMER_GROUP_DESCRIBE, coordinator);
        this.authorizer = authorizer;
    }

    @Override
    protected CompletableFuture<ConsumerGroupDescribeResponse> handle(RequestContext context, ConsumerGroupDescribeRequest request) {
        return coordinator().consumerGroupDescribe(request.groupIds()).thenApply(described -> {
            List<ConsumerGroupDescribeResponse.DescribedGroup> groups = new ArrayList<>(described.size());
            for (DescribedConsumerGroup group : described) {
                boolean include = request.includeAuthorizedOperations() && group.error() == ErrorCode.NONE;
                groups.add(toWire(group, include
                        ? authorizer.authorizedOperations(context, ResourceType.GROUP, group.groupId())
                        : AuthorizedOperations.NOT_REQUESTED));
            }
            return new ConsumerGroupDescribeResponse().setGroups(groups);
        });
    }

    private static ConsumerGroupDescribeResponse.DescribedGroup toWire(DescribedConsumerGroup group, int authorizedOperations) {
        List<ConsumerGroupDescribeResponse.Member> members = new ArrayList<>(group.members().size());
        for (DescribedConsumerGroup.Member member : group.members()) {
            members.add(new ConsumerGroupDescribeResponse.Member()
                    .setMemberId(member.memberId())
                    .setInstanceId(member.instanceId())
                    .setRackId(member.rackId())
                    .setMemberEpoch(member.memberEpoch())
                    .setClientId(member.clientId())
                    .setClientHost(member.clientHost())
                    .setSubscribedTopicNames(new ArrayList<>(member.subscribedTopicNames()))
                    .setSubscribedTopicRegex(member.subscribedTopicRegex())
                    .setAssignment(assignment(member.assignment()))
                    .setTargetAssignment(assignment(member.targetAssignment()))
                    .setMemberType(member.classic() ? CLASSIC_MEMBER_TYPE : CONSUMER_MEMBER_TYPE));
        }
        return new ConsumerGroupDescribeResponse.DescribedGroup()
                .setErrorCode(group.error().code())
                .setErrorMessage(group.errorMessage())
                .setGroupId(group.groupId())
                .setGroupState(group.state())
                .setGroupEpoch(group.groupEpoch())
                .setAssignmentEpoch(group.assignmentEpoch())
                .setAssignorName(group.assignorName())
                .setMembers(members)
                .setAuthorizedOperations(authorizedOperations);
    }

    private static ConsumerGroupDescribeResponse.Assignment assignment(List<DescribedConsumerGroup.NamedPartitions> partitions) {
        List<ConsumerGroupDescribeResponse.TopicPartitions> topics = new ArrayList<>(partitions.size());
        for (DescribedConsumerGroup.NamedPartitions topic : partitions) {
            topics.add(new ConsumerGroupDescribeResponse.TopicPartitions()
                    .setTopicId(topic.topicId())
                    .setTopicName(topic.topicName())
                    .setPartitions(new ArrayList<>(topic.partitions())));
        }
        return new ConsumerGroupDescribeResponse.Assignment().setTopicPartitions(topics);
    }
}
