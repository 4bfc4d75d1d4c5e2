package io.samsa.broker.group;

import io.samsa.broker.api.RequestContext;
import io.samsa.coordinator.GroupCoordinatorService;
import io.samsa.coordinator.consumer.Assignment;
import io.samsa.coordinator.consumer.ConsumerGroupHeartbeatRequest;
import io.samsa.coordinator.consumer.ConsumerGroupHeartbeatResponse;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.types.Uuid;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * ConsumerGroupHeartbeat (KIP-848, v0-1) to the coordinator and back: the wire's nullable fields
 * ("unchanged") become nulls of the domain request, owned and assigned partitions travel by topic id.
 * Thread-safe.
 */
final class ConsumerGroupHeartbeatApi extends GroupApiHandler<io.samsa.protocol.message.ConsumerGroupHeartbeatRequest,
        io.samsa.protocol.message.ConsumerGroupHeartbeatResponse> {

    ConsumerGroupHeartbeatApi(Supplier<GroupCoordinatorService> coordinator) {
        super(ApiKey.CONSUMER_GROUP_HEARTBEAT, coordinator);
    }

    @Override
    protected CompletableFuture<io.samsa.protocol.message.ConsumerGroupHeartbeatResponse> handle(RequestContext context,
            io.samsa.protocol.message.ConsumerGroupHeartbeatRequest request) {
        Assignment owned = null;
        if (request.topicPartitions() != null) {
            Map<Uuid, Set<Integer>> partitions = new TreeMap<>();
            for (io.samsa.protocol.message.ConsumerGroupHeartbeatRequest.TopicPartitions topic : request.topicPartitions()) {
                partitions.computeIfAbsent(topic.topicId(), id -> new HashSet<>()).addAll(topic.partitions());
            }
            owned = Assignment.of(partitions);
        }
        ConsumerGroupHeartbeatRequest heartbeat = new ConsumerGroupHeartbeatRequest(request.groupId(), request.memberId(),
                request.memberEpoch(), request.instanceId(), request.rackId(), request.rebalanceTimeoutMs(),
                request.subscribedTopicNames(), request.subscribedTopicRegex(), request.serverAssignor(), owned,
                context.header().clientId(), clientHost(context), context.apiVersion());
        return coordinator().consumerGroupHeartbeat(heartbeat).thenApply(ConsumerGroupHeartbeatApi::toWire);
    }

    private static io.samsa.protocol.message.ConsumerGroupHeartbeatResponse toWire(ConsumerGroupHeartbeatResponse response) {
        io.samsa.protocol.message.ConsumerGroupHeartbeatResponse wire = new io.samsa.protocol.message.ConsumerGroupHeartbeatResponse()
                .setErrorCode(response.error().code())
                .setErrorMessage(response.errorMessage())
                .setMemberId(response.memberId())
                .setMemberEpoch(response.memberEpoch())
                .setHeartbeatIntervalMs(response.heartbeatIntervalMs());
        if (response.assignment() != null) {
            List<io.samsa.protocol.message.ConsumerGroupHeartbeatResponse.TopicPartitions> topics = new ArrayList<>();
            for (Map.Entry<Uuid, SortedSet<Integer>> entry : response.assignment().partitions().entrySet()) {
                topics.add(new io.samsa.protocol.message.ConsumerGroupHeartbeatResponse.TopicPartitions()
                        .setTopicId(entry.getKey()).setPartitions(new ArrayList<>(entry.getValue())));
            }
            wire.setAssignment(new io.samsa.protocol.message.ConsumerGroupHeartbeatResponse.Assignment().setTopicPartitions(topics));
        }
        return wire;
    }
}
