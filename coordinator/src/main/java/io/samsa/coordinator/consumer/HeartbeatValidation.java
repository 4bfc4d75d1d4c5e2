package io.samsa.coordinator.consumer;

import io.samsa.protocol.ErrorCode;

/**
 * The checks a ConsumerGroupHeartbeat passes before the group is looked at, with Kafka's errors
 * and messages: a group id, a member id (v1+, where the client makes it), the fields a join must
 * carry, a known assignor, a regular expression that compiles. Stateless apart from its config;
 * thread-safe.
 */
final class HeartbeatValidation {
    private HeartbeatValidation() {
    }

    /** @return null when the request may proceed, else the error response */
    static ConsumerGroupHeartbeatResponse validate(ConsumerGroupHeartbeatRequest request, ConsumerGroupConfig config,
                                                   SubscribedTopics topics) {
        if (request.groupId().isEmpty()) {
            return ConsumerGroupHeartbeatResponse.failed(ErrorCode.INVALID_GROUP_ID, "GroupId can't be empty.");
        }
        if (request.apiVersion() >= 1 && request.memberId().isEmpty()) {
            return invalid("MemberId can't be empty.");
        }
        if (request.memberEpoch() == 0) {
            if (request.rebalanceTimeoutMs() == -1) {
                return invalid("RebalanceTimeoutMs must be provided in first request.");
            }
            if (request.owned() != null && !request.owned().isEmpty()) {
                return invalid("TopicPartitions must be empty when (re-)joining.");
            }
            if (request.subscribedTopicNames() == null && request.subscribedTopicRegex() == null) {
                return invalid("SubscribedTopicNames or SubscribedTopicRegex must be set in first request.");
            }
        } else if (request.memberEpoch() < ConsumerGroupMember.LEAVE_GROUP_STATIC_MEMBER_EPOCH) {
            return invalid("MemberEpoch is invalid.");
        } else if (request.memberId().isEmpty()) {
            return ConsumerGroupHeartbeatResponse.failed(ErrorCode.UNKNOWN_MEMBER_ID, "MemberId can't be empty.");
        }
        if (request.memberEpoch() == ConsumerGroupMember.LEAVE_GROUP_STATIC_MEMBER_EPOCH && request.instanceId() == null) {
            return invalid("InstanceId can't be null when leaving with epoch -2.");
        }
        if (request.serverAssignor() != null && !request.serverAssignor().isEmpty()
                && config.assignor(request.serverAssignor()) == null) {
            return ConsumerGroupHeartbeatResponse.failed(ErrorCode.UNSUPPORTED_ASSIGNOR,
                    "ServerAssignor " + request.serverAssignor() + " is not supported. Supported assignors: "
                            + String.join(", ", config.assignors().stream().map(a -> a.name()).toList()) + ".");
        }
        String regex = request.subscribedTopicRegex();
        if (regex != null && !regex.isEmpty()) {
            String error = topics.regexError(regex);
            if (error != null) {
                return ConsumerGroupHeartbeatResponse.failed(ErrorCode.INVALID_REGULAR_EXPRESSION,
                        "SubscribedTopicRegex `" + regex + "` is not a valid regular expression: " + error + ".");
            }
        }
        return null;
    }

    private static ConsumerGroupHeartbeatResponse invalid(String message) {
        return ConsumerGroupHeartbeatResponse.failed(ErrorCode.INVALID_REQUEST, message);
    }
}
