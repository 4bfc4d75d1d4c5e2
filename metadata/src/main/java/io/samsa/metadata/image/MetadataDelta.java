package io.samsa.metadata.image;

import io.samsa.metadata.records.Uuids;
import io.samsa.metadata.records.proto.BrokerEndpoint;
import io.samsa.metadata.records.proto.BrokerRegistrationChangeRecord;
import io.samsa.metadata.records.proto.ConfigRecord;
import io.samsa.metadata.records.proto.MetadataRecord;
import io.samsa.metadata.records.proto.PartitionChangeRecord;
import io.samsa.metadata.records.proto.PartitionRecord;
import io.samsa.metadata.records.proto.RegisterBrokerRecord;
import io.samsa.metadata.records.proto.TopicRecord;
import io.samsa.protocol.types.Uuid;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The changes of one or more record batches on top of a {@link MetadataImage}: {@link #replay}
 * applies one record (one method per record type), {@link #apply} makes the next image. Listeners
 * get the delta next to the new image, so a broker sees exactly which brokers, topics and
 * partitions changed.
 *
 * <p>Replay is strict: a record that contradicts the state (a partition of an unknown topic, a
 * second topic with one name) throws {@link IllegalStateException}, and the caller drops the whole
 * delta, so a batch applies all or nothing. Not thread-safe: one applying thread.
 */
public final class MetadataDelta {
    private final MetadataImage base;
    private Optional<String> clusterId;
    private long nextProducerId;
    private long lastBrokerEpoch;
    private final Map<Integer, BrokerRegistration> changedBrokers = new LinkedHashMap<>();
    private final Map<Uuid, TopicDelta> changedTopics = new LinkedHashMap<>();
    private final Map<Uuid, TopicImage> deletedTopics = new LinkedHashMap<>();
    private final Map<ConfigResource, Map<String, Optional<String>>> changedConfigs = new LinkedHashMap<>();
    private final Map<String, Integer> changedFeatures = new LinkedHashMap<>();
    private final java.util.Set<Integer> registeredHere = new java.util.HashSet<>();

    MetadataDelta(MetadataImage base) {
        this.base = base;
        this.clusterId = base.clusterId();
        this.nextProducerId = base.nextProducerId();
        this.lastBrokerEpoch = base.lastBrokerEpoch();
    }

    /** @return the image this delta started from */
    public MetadataImage base() {
        return base;
    }

    /**
     * Applies one record to this delta.
     *
     * @throws IllegalStateException when the record contradicts the state
     */
    public void replay(MetadataRecord record) {
        switch (record.getRecordCase()) {
            case CLUSTER_ID -> replayClusterId(record.getClusterId().getClusterId());
            case FEATURE_LEVEL -> changedFeatures.put(record.getFeatureLevel().getName(), record.getFeatureLevel().getLevel());
            case REGISTER_BROKER -> replay(record.getRegisterBroker());
            case BROKER_REGISTRATION_CHANGE -> replay(record.getBrokerRegistrationChange());
            case UNREGISTER_BROKER -> {
                requireBroker(record.getUnregisterBroker().getBrokerId(), record.getUnregisterBroker().getBrokerEpoch());
                changedBrokers.put(record.getUnregisterBroker().getBrokerId(), null);
            }
            case TOPIC -> replay(record.getTopic());
            case REMOVE_TOPIC -> replayRemoveTopic(Uuids.fromProto(record.getRemoveTopic().getTopicId()));
            case PARTITION -> replay(record.getPartition());
            case PARTITION_CHANGE -> replay(record.getPartitionChange());
            case PRODUCER_IDS -> replayProducerIds(record.getProducerIds().getFirstProducerId(),
                    record.getProducerIds().getBlockSize());
            case CONFIG -> replay(record.getConfig());
            case RECORD_NOT_SET -> {
                // written by a newer controller: skipped, as the compatibility rule says
            }
        }
    }

    private void replayClusterId(String id) {
        if (clusterId.isPresent() && !clusterId.get().equals(id)) {
            throw new IllegalStateException("the cluster id is " + clusterId.get() + ", a record says " + id);
        }
        clusterId = Optional.of(id);
    }

    private void replay(RegisterBrokerRecord record) {
        BrokerRegistration existing = broker(record.getBrokerId());
        if (existing != null && existing.epoch() >= record.getBrokerEpoch()) {
            throw new IllegalStateException("broker " + record.getBrokerId() + " registered with a stale epoch "
                    + record.getBrokerEpoch());
        }
        lastBrokerEpoch = Math.max(lastBrokerEpoch, record.getBrokerEpoch());
        changedBrokers.put(record.getBrokerId(), new BrokerRegistration(record.getBrokerId(),
                Uuids.fromProto(record.getIncarnationId()), record.getBrokerEpoch(),
                record.getEndpointsList().stream().map(MetadataDelta::endpoint).toList(),
                record.getRack().isEmpty() ? Optional.empty() : Optional.of(record.getRack()), record.getFenced(),
                record.getRegisteredOffset()));
        if (record.getRegisteredOffset() == 0) {
            registeredHere.add(record.getBrokerId()); // its offset is this delta's, known at apply
        }
    }

    private static Endpoint endpoint(BrokerEndpoint endpoint) {
        return new Endpoint(endpoint.getListenerName(), endpoint.getHost(), endpoint.getPort(),
                endpoint.getSecurityProtocol());
    }

    private void replay(BrokerRegistrationChangeRecord record) {
        BrokerRegistration broker = requireBroker(record.getBrokerId(), record.getBrokerEpoch());
        changedBrokers.put(broker.id(), broker.withFenced(record.getFenced()));
    }

    private BrokerRegistration requireBroker(int brokerId, long brokerEpoch) {
        BrokerRegistration broker = broker(brokerId);
        if (broker == null || broker.epoch() != brokerEpoch) {
            throw new IllegalStateException("no broker " + brokerId + " with epoch " + brokerEpoch);
        }
        return broker;
    }

    private void replay(TopicRecord record) {
        Uuid id = Uuids.fromProto(record.getTopicId());
        if (changedTopics.containsKey(id) || deletedTopics.containsKey(id) || base.topic(id) != null
                || topicId(record.getName()) != null) {
            throw new IllegalStateException("topic " + record.getName() + " (" + id + ") exists already");
        }
        changedTopics.put(id, new TopicDelta(null, record.getName(), id));
    }

    private void replayRemoveTopic(Uuid id) {
        TopicDelta topic = requireTopic(id);
        changedTopics.remove(id);
        TopicImage baseTopic = base.topic(id);
        deletedTopics.put(id, baseTopic != null ? baseTopic : topic.apply());
        // a topic's dynamic configs go with it, as in Kafka
        ConfigResource resource = ConfigResource.topic(topic.name());
        Map<String, Optional<String>> deletes = changedConfigs.computeIfAbsent(resource, r -> new LinkedHashMap<>());
        base.configs(resource).keySet().forEach(key -> deletes.put(key, Optional.empty()));
        deletes.replaceAll((key, value) -> Optional.empty());
    }

    private void replay(PartitionRecord record) {
        TopicDelta topic = requireTopic(Uuids.fromProto(record.getTopicId()));
        topic.put(record.getPartitionIndex(), new PartitionRegistration(IntArrays.of(record.getReplicasList()),
                IntArrays.of(record.getIsrList()), IntArrays.of(record.getRemovingReplicasList()),
                IntArrays.of(record.getAddingReplicasList()), record.getLeader(), record.getLeaderEpoch(),
                record.getPartitionEpoch()));
    }

    private void replay(PartitionChangeRecord record) {
        TopicDelta topic = requireTopic(Uuids.fromProto(record.getTopicId()));
        PartitionRegistration old = topic.partition(record.getPartitionIndex());
        if (old == null) {
            throw new IllegalStateException("no partition " + topic.name() + "-" + record.getPartitionIndex());
        }
        topic.put(record.getPartitionIndex(), new PartitionRegistration(
                record.getHasReplicas() ? IntArrays.of(record.getReplicasList()) : old.replicas(),
                record.getHasIsr() ? IntArrays.of(record.getIsrList()) : old.isr(),
                record.getHasRemovingReplicas() ? IntArrays.of(record.getRemovingReplicasList()) : old.removingReplicas(),
                record.getHasAddingReplicas() ? IntArrays.of(record.getAddingReplicasList()) : old.addingReplicas(),
                record.getLeader(), record.getLeaderEpoch(), record.getPartitionEpoch()));
    }

    private void replayProducerIds(long firstProducerId, int blockSize) {
        if (firstProducerId < nextProducerId) {
            throw new IllegalStateException("producer id block at " + firstProducerId + " overlaps; next is " + nextProducerId);
        }
        nextProducerId = firstProducerId + blockSize;
    }

    private void replay(ConfigRecord record) {
        ConfigResource resource = new ConfigResource(record.getResourceType(), record.getResourceName());
        changedConfigs.computeIfAbsent(resource, r -> new LinkedHashMap<>())
                .put(record.getName(), record.hasValue() ? Optional.of(record.getValue()) : Optional.empty());
    }

    private TopicDelta requireTopic(Uuid id) {
        TopicDelta delta = changedTopics.get(id);
        if (delta != null) {
            return delta;
        }
        TopicImage topic = deletedTopics.containsKey(id) ? null : base.topic(id);
        if (topic == null) {
            throw new IllegalStateException("no topic with id " + id);
        }
        delta = new TopicDelta(topic, topic.name(), id);
        changedTopics.put(id, delta);
        return delta;
    }

    /**
     * The delta from {@code previous} to {@code next} when {@code next} did not come from replaying
     * records onto {@code previous} (a snapshot installed from the leader replaced the image): every
     * broker, topic, partition and config that differs is listed as changed, so a listener sees an
     * installed snapshot exactly as it would have seen the records it skipped.
     */
    public static MetadataDelta between(MetadataImage previous, MetadataImage next) {
        MetadataDelta delta = new MetadataDelta(previous);
        previous.brokers().keySet().stream().filter(id -> !next.brokers().containsKey(id))
                .forEach(id -> delta.changedBrokers.put(id, null));
        next.brokers().forEach((id, broker) -> {
            if (!broker.equals(previous.broker(id))) {
                delta.changedBrokers.put(id, broker);
            }
        });
        previous.topicsById().forEach((id, topic) -> {
            TopicImage now = next.topic(id);
            if (now == null) {
                delta.deletedTopics.put(id, topic);
            }
        });
        next.topicsById().forEach((id, topic) -> {
            TopicImage before = previous.topic(id);
            if (!topic.equals(before)) {
                TopicDelta changed = new TopicDelta(before, topic.name(), id);
                topic.partitions().forEach((index, partition) -> {
                    if (before == null || !partition.equals(before.partition(index))) {
                        changed.put(index, partition);
                    }
                });
                delta.changedTopics.put(id, changed);
            }
        });
        Set<ConfigResource> resources = new HashSet<>(previous.configs().keySet());
        resources.addAll(next.configs().keySet());
        for (ConfigResource resource : resources) {
            Map<String, String> before = previous.configs(resource);
            Map<String, String> now = next.configs(resource);
            if (!before.equals(now)) {
                Map<String, Optional<String>> changes = new LinkedHashMap<>();
                before.keySet().stream().filter(key -> !now.containsKey(key)).forEach(key -> changes.put(key,
                        Optional.empty()));
                now.forEach((key, value) -> changes.put(key, Optional.of(value)));
                delta.changedConfigs.put(resource, changes);
            }
        }
        delta.clusterId = next.clusterId();
        delta.nextProducerId = next.nextProducerId();
        delta.lastBrokerEpoch = next.lastBrokerEpoch();
        next.features().forEach(delta.changedFeatures::put);
        previous.features().keySet().stream().filter(name -> !next.features().containsKey(name))
                .forEach(name -> delta.changedFeatures.put(name, 0));
        return delta;
    }

    /** A snapshot's record of the highest broker epoch given out (a broker holding it may be gone). */
    void raiseLastBrokerEpoch(long epoch) {
        lastBrokerEpoch = Math.max(lastBrokerEpoch, epoch);
    }

    /** @return the broker's registration including this delta's changes, or null */
    public BrokerRegistration broker(int id) {
        return changedBrokers.containsKey(id) ? changedBrokers.get(id) : base.broker(id);
    }

    private Uuid topicId(String name) {
        for (TopicDelta delta : changedTopics.values()) {
            if (delta.name().equals(name)) {
                return delta.id();
            }
        }
        Uuid id = base.topicIdsByName().get(name);
        return id == null || deletedTopics.containsKey(id) ? null : id;
    }

    /** @return brokers registered, fenced or unfenced by this delta; a null value: unregistered */
    public Map<Integer, BrokerRegistration> changedBrokers() {
        return Collections.unmodifiableMap(changedBrokers);
    }

    /** @return topics created or changed by this delta */
    public Map<Uuid, TopicDelta> changedTopics() {
        return Collections.unmodifiableMap(changedTopics);
    }

    /** @return topics deleted by this delta, as they were before */
    public Map<Uuid, TopicImage> deletedTopics() {
        return Collections.unmodifiableMap(deletedTopics);
    }

    /** @return configs set (present) or deleted (empty) by this delta */
    public Map<ConfigResource, Map<String, Optional<String>>> changedConfigs() {
        return Collections.unmodifiableMap(changedConfigs);
    }

    /**
     * @param offset  the log index of the last entry this delta holds
     * @param batches how many batches this delta holds (added to the image's version)
     * @return the image with this delta's changes
     */
    public MetadataImage apply(long offset, long batches) {
        Map<Integer, BrokerRegistration> brokers = base.brokers();
        if (!changedBrokers.isEmpty()) {
            brokers = new HashMap<>(brokers);
            for (Map.Entry<Integer, BrokerRegistration> change : changedBrokers.entrySet()) {
                if (change.getValue() == null) {
                    brokers.remove(change.getKey());
                } else if (registeredHere.contains(change.getKey())) {
                    brokers.put(change.getKey(), change.getValue().registeredAt(offset));
                } else {
                    brokers.put(change.getKey(), change.getValue());
                }
            }
        }
        Map<Uuid, TopicImage> topicsById = base.topicsById();
        Map<String, Uuid> topicIdsByName = base.topicIdsByName();
        if (!changedTopics.isEmpty() || !deletedTopics.isEmpty()) {
            topicsById = new HashMap<>(topicsById);
            topicIdsByName = new HashMap<>(topicIdsByName);
            for (TopicImage deleted : deletedTopics.values()) {
                topicsById.remove(deleted.id());
                topicIdsByName.remove(deleted.name());
            }
            for (TopicDelta changed : changedTopics.values()) {
                topicsById.put(changed.id(), changed.apply());
                topicIdsByName.put(changed.name(), changed.id());
            }
        }
        return new MetadataImage(offset, base.version() + batches, clusterId, brokers, topicsById, topicIdsByName,
                applyConfigs(), nextProducerId, applyFeatures(), lastBrokerEpoch);
    }

    private Map<ConfigResource, Map<String, String>> applyConfigs() {
        if (changedConfigs.isEmpty()) {
            return base.configs();
        }
        Map<ConfigResource, Map<String, String>> configs = new HashMap<>(base.configs());
        for (Map.Entry<ConfigResource, Map<String, Optional<String>>> change : changedConfigs.entrySet()) {
            Map<String, String> values = new HashMap<>(configs.getOrDefault(change.getKey(), Map.of()));
            change.getValue().forEach((key, value) -> {
                if (value.isPresent()) {
                    values.put(key, value.get());
                } else {
                    values.remove(key);
                }
            });
            if (values.isEmpty()) {
                configs.remove(change.getKey());
            } else {
                configs.put(change.getKey(), Collections.unmodifiableMap(values));
            }
        }
        return configs;
    }

    private Map<String, Integer> applyFeatures() {
        if (changedFeatures.isEmpty()) {
            return base.features();
        }
        Map<String, Integer> features = new HashMap<>(base.features());
        changedFeatures.forEach((name, level) -> {
            if (level == 0) {
                features.remove(name);
            } else {
                features.put(name, level);
            }
        });
        return features;
    }
}
