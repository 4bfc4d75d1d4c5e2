package io.samsa.metadata.image;

import io.samsa.protocol.types.Uuid;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The cluster metadata as of one point of the metadata log: brokers, topics (by id and by name)
 * with their partitions, dynamic configs, the next producer id, finalized features.
 *
 * <p>Immutable and cheap to publish: a new image is made by {@link MetadataDelta#apply}, which copies
 * only the maps a batch touched (the top-level topic map and the touched topics' partition maps) and
 * shares everything else with the previous image. Readers on any thread may hold an image for as
 * long as they like.
 *
 * @param offset          the metadata log index of the last applied entry, -1 before any
 * @param version         the number of record batches applied so far: the controller's writes carry
 *                        the version they were computed against, so one computed from a stale image
 *                        is rejected on replay (see {@code MetadataStateMachine})
 * @param clusterId       the cluster id, once the first controller wrote it
 * @param brokers         registered brokers by id
 * @param topicsById      topics by id
 * @param topicIdsByName  topic ids by name
 * @param configs         dynamic configs by resource, then by key
 * @param nextProducerId  the first producer id of the next block handed out
 * @param features        finalized feature levels by feature name
 * @param lastBrokerEpoch the highest broker epoch ever given out (a new one is above it)
 */
public record MetadataImage(long offset, long version, Optional<String> clusterId,
                            Map<Integer, BrokerRegistration> brokers,
                            Map<Uuid, TopicImage> topicsById, Map<String, Uuid> topicIdsByName,
                            Map<ConfigResource, Map<String, String>> configs,
                            long nextProducerId, Map<String, Integer> features, long lastBrokerEpoch) {
    /** The image before the first record. */
    public static final MetadataImage EMPTY = new MetadataImage(-1, 0, Optional.empty(), Map.of(), Map.of(), Map.of(),
            Map.of(), 0, Map.of(), 0);

    public MetadataImage {
        Objects.requireNonNull(clusterId, "clusterId");
        brokers = Collections.unmodifiableMap(brokers);
        topicsById = Collections.unmodifiableMap(topicsById);
        topicIdsByName = Collections.unmodifiableMap(topicIdsByName);
        configs = Collections.unmodifiableMap(configs);
        features = Collections.unmodifiableMap(features);
    }

    /** @return the topic with this name, or null */
    public TopicImage topic(String name) {
        Uuid id = topicIdsByName.get(name);
        return id == null ? null : topicsById.get(id);
    }

    /** @return the topic with this id, or null */
    public TopicImage topic(Uuid id) {
        return topicsById.get(id);
    }

    /** @return the broker with this id, or null */
    public BrokerRegistration broker(int id) {
        return brokers.get(id);
    }

    /** @return whether the broker is registered and not fenced */
    public boolean isActive(int brokerId) {
        BrokerRegistration broker = brokers.get(brokerId);
        return broker != null && !broker.fenced();
    }

    /** @return the dynamic configs of this resource (empty when none) */
    public Map<String, String> configs(ConfigResource resource) {
        return configs.getOrDefault(resource, Map.of());
    }

    /** @return the number of partitions over all topics */
    public int partitionCount() {
        int count = 0;
        for (TopicImage topic : topicsById.values()) {
            count += topic.partitions().size();
        }
        return count;
    }

    /** @return a delta on top of this image, to replay records into */
    public MetadataDelta newDelta() {
        return new MetadataDelta(this);
    }
}
