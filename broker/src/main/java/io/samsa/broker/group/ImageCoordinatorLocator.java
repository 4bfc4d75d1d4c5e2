package io.samsa.broker.group;

import io.samsa.metadata.controller.api.CreatableTopic;
import io.samsa.metadata.image.BrokerRegistration;
import io.samsa.metadata.image.Endpoint;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.metadata.image.PartitionRegistration;
import io.samsa.metadata.image.TopicImage;
import io.samsa.metadata.quorum.MetadataQuorum;
import io.samsa.metadata.rpc.ControllerRpcs;
import io.samsa.protocol.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FindCoordinator in cluster mode: the coordinator of partition p is p's leader in the metadata
 * image, with that broker's endpoint on the request's listener. COORDINATOR_NOT_AVAILABLE while p
 * has no leader, and while {@code __consumer_offsets} does not exist: the first lookup asks the
 * controller to create it (offsets.topic.num.partitions, offsets.topic.replication.factor,
 * compacted), as Kafka creates it lazily, but only once enough brokers are unfenced for the
 * replication factor (Kafka refuses, and so answers COORDINATOR_NOT_AVAILABLE, until then).
 *
 * <p>Thread-safe: reads the current immutable image; one creation request at a time.
 */
public final class ImageCoordinatorLocator implements CoordinatorLocator {
    private static final Logger LOG = LoggerFactory.getLogger(ImageCoordinatorLocator.class);

    private final Supplier<MetadataQuorum> quorum;
    private final String topicName;
    private final int partitionCount;
    private final short replicationFactor;
    private final Map<String, String> topicConfigs;
    private final long requestTimeoutMs;
    private final AtomicBoolean creating = new AtomicBoolean();

    /**
     * @param quorum           this node's metadata quorum (running once the broker started)
     * @param requestTimeoutMs how long the creation may take at the controller
     */
    ImageCoordinatorLocator(Supplier<MetadataQuorum> quorum, int partitionCount, short replicationFactor, int segmentBytes,
                            long requestTimeoutMs) {
        this(quorum, OffsetsTopic.NAME, partitionCount, replicationFactor,
                Map.of("cleanup.policy", "compact", "segment.bytes", Integer.toString(segmentBytes)), requestTimeoutMs);
    }

    /**
     * @param topicName    the coordinator's internal topic
     * @param topicConfigs the configs it is created with (compacted)
     */
    public ImageCoordinatorLocator(Supplier<MetadataQuorum> quorum, String topicName, int partitionCount, short replicationFactor,
                                   Map<String, String> topicConfigs, long requestTimeoutMs) {
        this.quorum = quorum;
        this.topicName = topicName;
        this.partitionCount = partitionCount;
        this.replicationFactor = replicationFactor;
        this.topicConfigs = Map.copyOf(topicConfigs);
        this.requestTimeoutMs = requestTimeoutMs;
    }

    @Override
    public Location locate(int partition, String listenerName) {
        MetadataQuorum running = quorum.get();
        if (running == null) {
            return Location.unavailable();
        }
        MetadataImage image = running.currentImage();
        TopicImage topic = image.topic(topicName);
        if (topic == null) {
            maybeCreate(running, image);
            return Location.unavailable();
        }
        PartitionRegistration registration = topic.partition(partition);
        if (registration == null || !registration.hasLeader()) {
            return Location.unavailable();
        }
        BrokerRegistration leader = image.broker(registration.leader());
        if (leader == null || leader.endpoints().isEmpty()) {
            return Location.unavailable();
        }
        Endpoint endpoint = endpointOn(leader.endpoints(), listenerName);
        return Location.at(leader.id(), endpoint.host(), endpoint.port());
    }

    /** The endpoint of the request's listener, or the broker's first one (in-process requests). */
    private static Endpoint endpointOn(List<Endpoint> endpoints, String listenerName) {
        for (Endpoint endpoint : endpoints) {
            if (endpoint.listenerName().equals(listenerName)) {
                return endpoint;
            }
        }
        return endpoints.get(0);
    }

    private void maybeCreate(MetadataQuorum running, MetadataImage image) {
        long unfenced = image.brokers().values().stream().filter(broker -> !broker.fenced()).count();
        if (unfenced < replicationFactor) {
            LOG.debug("{} needs {} unfenced brokers, {} are", topicName, replicationFactor, unfenced);
            return;
        }
        if (!creating.compareAndSet(false, true)) {
            return;
        }
        CreatableTopic topic = new CreatableTopic(topicName, partitionCount, replicationFactor, Map.of(), topicConfigs);
        running.forward(ControllerRpcs.createTopics(List.of(topic), false), requestTimeoutMs).whenComplete((results, error) -> {
            creating.set(false);
            if (error != null) {
                LOG.info("Creating {} failed ({}); the next FindCoordinator asks again", topicName, error.getMessage());
            } else if (results.get(0).error().isError() && results.get(0).error().error() != ErrorCode.TOPIC_ALREADY_EXISTS) {
                LOG.info("Creating {} refused: {}", topicName, results.get(0).error().message());
            } else {
                LOG.info("Created {} with {} partitions, replication factor {}", topicName, partitionCount, replicationFactor);
            }
        });
    }
}
