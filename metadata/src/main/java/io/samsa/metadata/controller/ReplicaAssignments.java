package io.samsa.metadata.controller;

import io.samsa.metadata.controller.api.ApiError;
import io.samsa.metadata.image.BrokerRegistration;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.protocol.ErrorCode;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks replica lists given by a client (CreateTopics assignments, CreatePartitions assignments,
 * reassignment targets) and the replication factor for controller placement, with Kafka's errors
 * and messages. Stateless.
 */
final class ReplicaAssignments {
    private ReplicaAssignments() {
    }

    /** @return NONE, or INVALID_REPLICA_ASSIGNMENT for an empty list, a duplicate, or an unknown broker */
    static ApiError validate(MetadataImage image, List<Integer> replicas) {
        if (replicas.isEmpty()) {
            return ApiError.of(ErrorCode.INVALID_REPLICA_ASSIGNMENT,
                    "The manual partition assignment includes an empty replica list.");
        }
        Set<Integer> seen = new HashSet<>();
        for (int broker : replicas) {
            if (!seen.add(broker)) {
                return ApiError.of(ErrorCode.INVALID_REPLICA_ASSIGNMENT,
                        "The manual partition assignment includes the broker " + broker + " more than once.");
            }
            if (image.broker(broker) == null) {
                return ApiError.of(ErrorCode.INVALID_REPLICA_ASSIGNMENT, "The manual partition assignment includes broker "
                        + broker + ", but no such broker is registered.");
            }
        }
        return ApiError.NONE;
    }

    /** @return the unfenced broker ids, sorted: where the controller places replicas */
    static List<Integer> usableBrokers(MetadataImage image) {
        return image.brokers().values().stream().filter(b -> !b.fenced()).map(BrokerRegistration::id).sorted().toList();
    }

    /** @return each of {@code brokers} with its registered rack ("" for none), in broker order */
    static Map<Integer, String> racks(MetadataImage image, List<Integer> brokers) {
        Map<Integer, String> racks = new LinkedHashMap<>();
        brokers.forEach(id -> racks.put(id, image.broker(id).rack().orElse("")));
        return racks;
    }

    /** @return NONE, or Kafka's INVALID_REPLICATION_FACTOR when too few brokers are usable */
    static ApiError checkReplicationFactor(int replicationFactor, int usableBrokers) {
        if (replicationFactor > usableBrokers) {
            return ApiError.of(ErrorCode.INVALID_REPLICATION_FACTOR, "Unable to replicate the partition "
                    + replicationFactor + " time(s): The target replication factor of " + replicationFactor
                    + " cannot be reached because only " + usableBrokers + " broker(s) are registered.");
        }
        return ApiError.NONE;
    }
}
