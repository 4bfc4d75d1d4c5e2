package io.samsa.metadata.controller;

import io.samsa.metadata.controller.api.AlterPartitionRequest;
import io.samsa.metadata.controller.api.AlterPartitionRequest.IsrChange;
import io.samsa.metadata.controller.api.AlterPartitionResponse;
import io.samsa.metadata.controller.api.AlterPartitionResponse.PartitionState;
import io.samsa.metadata.controller.api.ApiError;
import io.samsa.metadata.image.IntArrays;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.metadata.image.PartitionRegistration;
import io.samsa.metadata.image.TopicImage;
import io.samsa.metadata.records.proto.MetadataRecord;
import io.samsa.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.List;

/**
 * AlterPartition: a partition leader's ISR shrink or expand, checked as Kafka's controller checks
 * it, in this order: unknown partition (UNKNOWN_TOPIC_ID / UNKNOWN_TOPIC_OR_PARTITION); epochs
 * ahead of the controller's (NOT_CONTROLLER: this controller is behind); an older leader epoch
 * (FENCED_LEADER_EPOCH); a sender that is not the leader (INVALID_REQUEST); an older partition
 * epoch (INVALID_UPDATE_VERSION); an ISR with non-replicas or without the leader (INVALID_REQUEST);
 * an ISR with fenced or unregistered brokers (INELIGIBLE_REPLICA). An ISR that completes a
 * reassignment finishes it in the same change. Stateless.
 */
final class IsrChanges {
    private IsrChanges() {
    }

    static ControllerResult<AlterPartitionResponse> alterPartition(MetadataImage image, AlterPartitionRequest request,
                                                                   boolean uncleanAllowed) {
        ApiError epochError = ClusterControl.checkBrokerEpoch(image, request.brokerId(), request.brokerEpoch());
        if (epochError.isError()) {
            return ControllerResult.withoutRecords(new AlterPartitionResponse(epochError, List.of()));
        }
        List<MetadataRecord> records = new ArrayList<>();
        List<PartitionState> states = new ArrayList<>();
        for (IsrChange change : request.partitions()) {
            TopicImage topic = image.topic(change.topicId());
            PartitionRegistration partition = topic == null ? null : topic.partition(change.partition());
            ApiError error = topic == null ? ApiError.of(ErrorCode.UNKNOWN_TOPIC_ID)
                    : validate(image, request.brokerId(), partition, change);
            if (error.isError()) {
                states.add(state(change, error, partition));
                continue;
            }
            PartitionChangeBuilder builder = new PartitionChangeBuilder(topic.id(), change.partition(), partition,
                    image::isActive, uncleanAllowed).setTargetIsr(IntArrays.of(change.newIsr()));
            if (partition.isReassigning()) {
                Reassignments.completeIfReady(builder, Reassignments.target(partition), IntArrays.of(change.newIsr()));
            }
            PartitionRegistration next = builder.next();
            builder.build().ifPresent(records::add);
            ApiError result = next.leader() == request.brokerId() ? ApiError.NONE
                    : ApiError.of(ErrorCode.NEW_LEADER_ELECTED);
            states.add(state(change, result, next));
        }
        return ControllerResult.of(records, new AlterPartitionResponse(ApiError.NONE, states));
    }

    private static PartitionState state(IsrChange change, ApiError error, PartitionRegistration partition) {
        if (partition == null) {
            return new PartitionState(change.topicId(), change.partition(), error, PartitionRegistration.NO_LEADER,
                    -1, List.of(), -1);
        }
        return new PartitionState(change.topicId(), change.partition(), error, partition.leader(),
                partition.leaderEpoch(), IntArrays.toList(partition.isr()), partition.partitionEpoch());
    }

    private static ApiError validate(MetadataImage image, int brokerId, PartitionRegistration partition,
                                     IsrChange change) {
        if (partition == null) {
            return ApiError.of(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
        }
        if (change.leaderEpoch() > partition.leaderEpoch() || change.partitionEpoch() > partition.partitionEpoch()) {
            return ApiError.of(ErrorCode.NOT_CONTROLLER);
        }
        if (change.leaderEpoch() < partition.leaderEpoch()) {
            return ApiError.of(ErrorCode.FENCED_LEADER_EPOCH, "The current leader epoch is "
                    + partition.leaderEpoch() + ", not " + change.leaderEpoch() + ".");
        }
        if (brokerId != partition.leader()) {
            return ApiError.of(ErrorCode.INVALID_REQUEST, "Broker " + brokerId + " is not the leader; the leader is "
                    + partition.leader() + ".");
        }
        if (change.partitionEpoch() < partition.partitionEpoch()) {
            return ApiError.of(ErrorCode.INVALID_UPDATE_VERSION, "The current partition epoch is "
                    + partition.partitionEpoch() + ", not " + change.partitionEpoch() + ".");
        }
        int[] newIsr = IntArrays.of(change.newIsr());
        if (newIsr.length == 0 || IntArrays.filter(newIsr, partition::replicasContain).length != newIsr.length
                || change.newIsr().stream().distinct().count() != newIsr.length) {
            return ApiError.of(ErrorCode.INVALID_REQUEST, "Invalid ISR " + change.newIsr() + ".");
        }
        if (!IntArrays.contains(newIsr, partition.leader())) {
            return ApiError.of(ErrorCode.INVALID_REQUEST, "The ISR " + change.newIsr() + " does not include the leader.");
        }
        for (int replica : newIsr) {
            if (!image.isActive(replica)) {
                return ApiError.of(ErrorCode.INELIGIBLE_REPLICA, "The new ISR " + change.newIsr()
                        + " includes broker " + replica + ", which is " + (image.broker(replica) == null
                        ? "not registered." : "fenced."));
            }
        }
        return ApiError.NONE;
    }
}
