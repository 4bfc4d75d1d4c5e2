package io.samsa.metadata.records;

import io.samsa.metadata.records.proto.BrokerEndpoint;
import io.samsa.metadata.records.proto.BrokerRegistrationChangeRecord;
import io.samsa.metadata.records.proto.ClusterIdRecord;
import io.samsa.metadata.records.proto.ConfigRecord;
import io.samsa.metadata.records.proto.ConfigResourceType;
import io.samsa.metadata.records.proto.FeatureLevelRecord;
import io.samsa.metadata.records.proto.MetadataRecord;
import io.samsa.metadata.records.proto.PartitionRecord;
import io.samsa.metadata.records.proto.ProducerIdsRecord;
import io.samsa.metadata.records.proto.RegisterBrokerRecord;
import io.samsa.metadata.records.proto.RemoveTopicRecord;
import io.samsa.metadata.records.proto.TopicRecord;
import io.samsa.metadata.records.proto.UnregisterBrokerRecord;
import io.samsa.protocol.types.Uuid;
import java.util.List;

/**
 * The one place metadata records are built: a factory per record type, each returning the
 * {@link MetadataRecord} envelope. Partition changes have their own builder
 * ({@code PartitionChangeBuilder} in the controller), since they carry only what changed. Stateless.
 */
public final class MetadataRecords {
    private MetadataRecords() {
    }

    public static MetadataRecord clusterId(String clusterId) {
        return MetadataRecord.newBuilder().setClusterId(ClusterIdRecord.newBuilder().setClusterId(clusterId)).build();
    }

    public static MetadataRecord featureLevel(String name, int level) {
        return MetadataRecord.newBuilder()
                .setFeatureLevel(FeatureLevelRecord.newBuilder().setName(name).setLevel(level)).build();
    }

    public static MetadataRecord registerBroker(int brokerId, Uuid incarnationId, long brokerEpoch,
                                                List<BrokerEndpoint> endpoints, String rack, boolean fenced) {
        return MetadataRecord.newBuilder().setRegisterBroker(RegisterBrokerRecord.newBuilder()
                .setBrokerId(brokerId).setIncarnationId(Uuids.toProto(incarnationId)).setBrokerEpoch(brokerEpoch)
                .addAllEndpoints(endpoints).setRack(rack == null ? "" : rack).setFenced(fenced)).build();
    }

    public static MetadataRecord fenceBroker(int brokerId, long brokerEpoch) {
        return registrationChange(brokerId, brokerEpoch, true);
    }

    public static MetadataRecord unfenceBroker(int brokerId, long brokerEpoch) {
        return registrationChange(brokerId, brokerEpoch, false);
    }

    private static MetadataRecord registrationChange(int brokerId, long brokerEpoch, boolean fenced) {
        return MetadataRecord.newBuilder().setBrokerRegistrationChange(BrokerRegistrationChangeRecord.newBuilder()
                .setBrokerId(brokerId).setBrokerEpoch(brokerEpoch).setFenced(fenced)).build();
    }

    public static MetadataRecord unregisterBroker(int brokerId, long brokerEpoch) {
        return MetadataRecord.newBuilder().setUnregisterBroker(UnregisterBrokerRecord.newBuilder()
                .setBrokerId(brokerId).setBrokerEpoch(brokerEpoch)).build();
    }

    public static MetadataRecord topic(String name, Uuid topicId) {
        return MetadataRecord.newBuilder()
                .setTopic(TopicRecord.newBuilder().setName(name).setTopicId(Uuids.toProto(topicId))).build();
    }

    public static MetadataRecord removeTopic(Uuid topicId) {
        return MetadataRecord.newBuilder()
                .setRemoveTopic(RemoveTopicRecord.newBuilder().setTopicId(Uuids.toProto(topicId))).build();
    }

    /** A partition's full state (creation, or a snapshot). */
    public static MetadataRecord partition(Uuid topicId, int partitionIndex, List<Integer> replicas, List<Integer> isr,
                                           List<Integer> removing, List<Integer> adding, int leader,
                                           int leaderEpoch, int partitionEpoch) {
        return MetadataRecord.newBuilder().setPartition(PartitionRecord.newBuilder()
                .setTopicId(Uuids.toProto(topicId)).setPartitionIndex(partitionIndex)
                .addAllReplicas(replicas).addAllIsr(isr).addAllRemovingReplicas(removing).addAllAddingReplicas(adding)
                .setLeader(leader).setLeaderEpoch(leaderEpoch).setPartitionEpoch(partitionEpoch)).build();
    }

    public static MetadataRecord producerIds(int brokerId, long brokerEpoch, long firstProducerId, int blockSize) {
        return MetadataRecord.newBuilder().setProducerIds(ProducerIdsRecord.newBuilder().setBrokerId(brokerId)
                .setBrokerEpoch(brokerEpoch).setFirstProducerId(firstProducerId).setBlockSize(blockSize)).build();
    }

    /** @param value the new value, or null to delete the key */
    public static MetadataRecord config(ConfigResourceType type, String resourceName, String key, String value) {
        ConfigRecord.Builder config = ConfigRecord.newBuilder().setResourceType(type).setResourceName(resourceName)
                .setName(key);
        if (value != null) {
            config.setValue(value);
        }
        return MetadataRecord.newBuilder().setConfig(config).build();
    }
}
