package io.samsa.metadata.controller;

import io.samsa.metadata.controller.api.AlterPartitionRequest;
import io.samsa.metadata.controller.api.AlterPartitionResponse;
import io.samsa.metadata.controller.api.ApiError;
import io.samsa.metadata.controller.api.BrokerHeartbeatRequest;
import io.samsa.metadata.controller.api.BrokerHeartbeatResponse;
import io.samsa.metadata.controller.api.ConfigChange;
import io.samsa.metadata.controller.api.CreatableTopic;
import io.samsa.metadata.controller.api.CreatePartitionsTopic;
import io.samsa.metadata.controller.api.CreateTopicResult;
import io.samsa.metadata.controller.api.ElectionType;
import io.samsa.metadata.controller.api.OngoingReassignment;
import io.samsa.metadata.controller.api.ProducerIdBlock;
import io.samsa.metadata.controller.api.Reassignment;
import io.samsa.metadata.controller.api.RegisterBrokerRequest;
import io.samsa.metadata.controller.api.RegisterBrokerResponse;
import io.samsa.metadata.controller.api.TopicPartitionName;
import io.samsa.metadata.controller.api.TopicResult;
import io.samsa.metadata.image.ConfigResource;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.metadata.records.MetadataRecords;
import io.samsa.metadata.records.proto.MetadataRecord;
import io.samsa.protocol.types.Uuid;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The active controller's logic, one method per controller API. Every method reads the image it
 * is given (the committed image plus the controller's own records not committed yet) and the
 * time once, and returns records plus a response; none changes the image. The only state kept
 * here is soft: broker sessions and a placement hint, both rebuilt by {@link #activate}.
 *
 * <p>Deterministic for a given image, time and topic-id supplier, so tests drive it on a manual
 * clock. Not thread-safe: one controller thread calls it (the quorum's, or a test's).
 */
public final class MetadataController {
    private final ControllerConfig config;
    private final ClusterControl cluster;
    private final TopicCreation topicCreation;

    /** @param topicIds where new topic ids come from ({@link Uuid#random()} in production) */
    public MetadataController(ControllerConfig config, Supplier<Uuid> topicIds) {
        this.config = config;
        this.cluster = new ClusterControl(config);
        this.topicCreation = new TopicCreation(config, topicIds);
    }

    public ControllerConfig config() {
        return config;
    }

    /**
     * Called when this node becomes the active controller: every registered broker gets a fresh
     * session, and the cluster id is written if the log has none yet.
     */
    public ControllerResult<Void> activate(MetadataImage image, String clusterId, long nowMs) {
        return activate(image, clusterId, nowMs, -1, 0);
    }

    /**
     * As {@link #activate(MetadataImage, String, long)}, after an election that replaced the leader
     * {@code lostLeaderId} (-1: none known): that broker's session counts from {@code lostLeaderSilenceMs}
     * ago, since an election starts only after a voter heard nothing from its leader for an election
     * timeout. So a controller killed together with its broker is fenced after the session timeout
     * from its death, not from the new controller's start; if it is alive, its next heartbeat renews it.
     */
    public ControllerResult<Void> activate(MetadataImage image, String clusterId, long nowMs, int lostLeaderId,
                                           long lostLeaderSilenceMs) {
        cluster.activate(image, nowMs, lostLeaderId, lostLeaderSilenceMs);
        List<MetadataRecord> records = new ArrayList<>();
        if (image.clusterId().isEmpty()) {
            records.add(MetadataRecords.clusterId(clusterId));
        }
        return ControllerResult.of(records, null);
    }

    public ControllerResult<RegisterBrokerResponse> registerBroker(MetadataImage image, RegisterBrokerRequest request,
                                                                   long nowMs) {
        return cluster.register(image, request, nowMs);
    }

    public ControllerResult<BrokerHeartbeatResponse> brokerHeartbeat(MetadataImage image, BrokerHeartbeatRequest request,
                                                                     long nowMs) {
        return cluster.heartbeat(image, request, nowMs);
    }

    /** The fence timer: fences brokers whose session expired. @return the ids fenced */
    public ControllerResult<List<Integer>> fenceExpiredBrokers(MetadataImage image, long nowMs) {
        return cluster.fenceExpired(image, nowMs);
    }

    /** Kafka's UnregisterBroker: removes a (normally fenced) broker's registration. */
    public ControllerResult<ApiError> unregisterBroker(MetadataImage image, int brokerId) {
        if (image.broker(brokerId) == null) {
            return ControllerResult.withoutRecords(ApiError.of(io.samsa.protocol.ErrorCode.BROKER_ID_NOT_REGISTERED,
                    "Broker ID " + brokerId + " is not currently registered"));
        }
        List<MetadataRecord> records = new ArrayList<>();
        LeaderMoves.onFenced(image, brokerId, config.uncleanLeaderElection(), records);
        records.add(MetadataRecords.unregisterBroker(brokerId, image.broker(brokerId).epoch()));
        return ControllerResult.of(records, ApiError.NONE);
    }

    public ControllerResult<List<CreateTopicResult>> createTopics(MetadataImage image, List<CreatableTopic> topics,
                                                                  boolean validateOnly) {
        return topicCreation.createTopics(image, topics, validateOnly);
    }

    public ControllerResult<List<TopicResult>> createPartitions(MetadataImage image, List<CreatePartitionsTopic> topics,
                                                                boolean validateOnly) {
        return topicCreation.createPartitions(image, topics, validateOnly);
    }

    public ControllerResult<List<TopicResult>> deleteTopics(MetadataImage image, List<String> names, List<Uuid> ids) {
        return TopicDeletion.deleteTopics(image, names, ids);
    }

    /** The dynamic config changes a broker validated (IncrementalAlterConfigs in cluster mode). */
    public ControllerResult<Map<ConfigResource, ApiError>> alterConfigs(MetadataImage image, List<ConfigChange> changes) {
        return ConfigChanges.alterConfigs(image, changes);
    }

    public ControllerResult<AlterPartitionResponse> alterPartition(MetadataImage image, AlterPartitionRequest request) {
        return IsrChanges.alterPartition(image, request, config.uncleanLeaderElection());
    }

    /** @param partitions the partitions to elect for; empty: all */
    public ControllerResult<Map<TopicPartitionName, ApiError>> electLeaders(
            MetadataImage image, ElectionType type, Optional<List<TopicPartitionName>> partitions) {
        return LeaderElections.elect(image, type, partitions);
    }

    public ControllerResult<Map<TopicPartitionName, ApiError>> alterPartitionReassignments(
            MetadataImage image, List<Reassignment> reassignments) {
        return Reassignments.alter(image, reassignments, config.uncleanLeaderElection());
    }

    /** A read: commits nothing. @param partitions the partitions asked about; empty: all */
    public ControllerResult<List<OngoingReassignment>> listPartitionReassignments(
            MetadataImage image, Optional<List<TopicPartitionName>> partitions) {
        return ControllerResult.withoutRecords(Reassignments.list(image, partitions));
    }

    public ControllerResult<ProducerIdBlock> allocateProducerIds(MetadataImage image, int brokerId, long brokerEpoch) {
        return ProducerIds.allocate(image, brokerId, brokerEpoch, config.producerIdBlockSize());
    }

    /**
     * Sets or deletes dynamic configs of one resource (IncrementalAlterConfigs' SET and DELETE).
     * Keys are not validated here yet: the broker checks them against its config definitions.
     *
     * @param changes key to new value; an empty value deletes the key
     */
    public ControllerResult<ApiError> alterConfigs(MetadataImage image, ConfigResource resource,
                                                   Map<String, Optional<String>> changes) {
        List<MetadataRecord> records = new ArrayList<>();
        changes.forEach((key, value) -> records.add(
                MetadataRecords.config(resource.type(), resource.name(), key, value.orElse(null))));
        return ControllerResult.of(records, ApiError.NONE);
    }
}
