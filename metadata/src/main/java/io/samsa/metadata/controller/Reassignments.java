package io.samsa.metadata.controller;

import io.samsa.metadata.controller.api.ApiError;
import io.samsa.metadata.controller.api.OngoingReassignment;
import io.samsa.metadata.controller.api.Reassignment;
import io.samsa.metadata.controller.api.TopicPartitionName;
import io.samsa.metadata.image.IntArrays;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.metadata.image.PartitionRegistration;
import io.samsa.metadata.image.TopicImage;
import io.samsa.metadata.records.proto.MetadataRecord;
import io.samsa.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Partition reassignment (KIP-455: AlterPartitionReassignments, ListPartitionReassignments).
 *
 * <p>Moving a partition from replicas {@code R} to target {@code T}: the replicas become {@code T}
 * followed by {@code R - T}, with {@code adding = T - R} and {@code removing = R - T}. The new
 * replicas fetch from the leader; once every member of {@code T} is in the ISR (checked now and
 * on every AlterPartition), the reassignment completes: replicas {@code T}, ISR {@code ISR ∩ T},
 * no adding or removing, and a new leader from {@code T} if the old one is being removed.
 * Cancelling reverts to {@code replicas - adding}. Stateless.
 */
final class Reassignments {
    private Reassignments() {
    }

    static ControllerResult<Map<TopicPartitionName, ApiError>> alter(MetadataImage image, List<Reassignment> requests,
                                                                     boolean uncleanAllowed) {
        List<MetadataRecord> records = new ArrayList<>();
        Map<TopicPartitionName, ApiError> results = new LinkedHashMap<>();
        for (Reassignment request : requests) {
            TopicImage topic = image.topic(request.partition().topic());
            PartitionRegistration partition = topic == null ? null : topic.partition(request.partition().partition());
            if (partition == null) {
                results.put(request.partition(), ApiError.of(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION));
                continue;
            }
            PartitionChangeBuilder builder = new PartitionChangeBuilder(topic.id(), request.partition().partition(),
                    partition, image::isActive, uncleanAllowed);
            ApiError error = request.target().isPresent()
                    ? start(image, builder, partition, request.target().get())
                    : cancel(builder, partition);
            results.put(request.partition(), error);
            if (!error.isError()) {
                builder.build().ifPresent(records::add);
            }
        }
        return ControllerResult.of(records, results);
    }

    private static ApiError start(MetadataImage image, PartitionChangeBuilder builder, PartitionRegistration partition,
                                  List<Integer> targetList) {
        ApiError error = ReplicaAssignments.validate(image, targetList);
        if (error.isError()) {
            return error;
        }
        int[] target = IntArrays.of(targetList);
        int[] original = original(partition);
        int[] removing = IntArrays.filter(original, id -> !IntArrays.contains(target, id));
        int[] adding = IntArrays.filter(target, id -> !IntArrays.contains(original, id));
        if (removing.length == 0 && adding.length == 0) {
            builder.setTargetReplicas(target, new int[0], new int[0]); // a reorder, or back to the original
            return ApiError.NONE;
        }
        builder.setTargetReplicas(IntStream.concat(IntStream.of(target), IntStream.of(removing)).toArray(), adding,
                removing);
        completeIfReady(builder, target, partition.isr());
        return ApiError.NONE;
    }

    private static ApiError cancel(PartitionChangeBuilder builder, PartitionRegistration partition) {
        if (!partition.isReassigning()) {
            return ApiError.of(ErrorCode.NO_REASSIGNMENT_IN_PROGRESS);
        }
        builder.setTargetReplicas(original(partition), new int[0], new int[0]);
        return ApiError.NONE;
    }

    /** @return the replicas before the reassignment in progress (all of them when none is) */
    private static int[] original(PartitionRegistration partition) {
        int[] adding = partition.addingReplicas();
        return IntArrays.filter(partition.replicas(), id -> !IntArrays.contains(adding, id));
    }

    /** @return the target replicas of the reassignment in progress */
    static int[] target(PartitionRegistration partition) {
        int[] removing = partition.removingReplicas();
        return IntArrays.filter(partition.replicas(), id -> !IntArrays.contains(removing, id));
    }

    /** Completes the reassignment in {@code builder} when every target replica is in {@code isr}. */
    static void completeIfReady(PartitionChangeBuilder builder, int[] target, int[] isr) {
        for (int replica : target) {
            if (!IntArrays.contains(isr, replica)) {
                return;
            }
        }
        builder.setTargetReplicas(target, new int[0], new int[0]);
    }

    /** @param partitions the partitions asked about; empty: all */
    static List<OngoingReassignment> list(MetadataImage image, Optional<List<TopicPartitionName>> partitions) {
        List<OngoingReassignment> ongoing = new ArrayList<>();
        if (partitions.isPresent()) {
            for (TopicPartitionName name : partitions.get()) {
                TopicImage topic = image.topic(name.topic());
                PartitionRegistration partition = topic == null ? null : topic.partition(name.partition());
                if (partition != null && partition.isReassigning()) {
                    ongoing.add(entry(name, partition));
                }
            }
            return ongoing;
        }
        for (TopicImage topic : image.topicsById().values()) {
            topic.partitions().forEach((index, partition) -> {
                if (partition.isReassigning()) {
                    ongoing.add(entry(new TopicPartitionName(topic.name(), index), partition));
                }
            });
        }
        return ongoing;
    }

    private static OngoingReassignment entry(TopicPartitionName name, PartitionRegistration partition) {
        return new OngoingReassignment(name, IntArrays.toList(partition.replicas()),
                IntArrays.toList(partition.addingReplicas()), IntArrays.toList(partition.removingReplicas()));
    }
}
