package io.samsa.broker.admin.view;

import io.samsa.broker.topics.TopicNames;
import io.samsa.metadata.image.BrokerRegistration;
import io.samsa.metadata.image.Endpoint;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.metadata.image.PartitionRegistration;
import io.samsa.metadata.image.TopicImage;
import io.samsa.protocol.types.Uuid;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The cluster as this node's metadata image shows it: registered brokers with the endpoint of
 * the request's listener, the Raft leader as the controller (as Kafka 4.x reports the active
 * controller; with separated roles a broker, see {@link #controllerId}), and every topic with the leader, leader epoch, replicas and ISR the controller
 * committed. A replica whose broker is fenced or not registered is offline; a partition led by
 * one has no leader. Thread-safe: each
 * call reads one image.
 */
public final class ImageClusterView implements ClusterMetadataView {
    private final Supplier<MetadataImage> image;
    private final IntSupplier controllerId;
    private final Supplier<String> clusterId;

    /**
     * @param image        the latest committed image
     * @param controllerId the metadata quorum's leader, -1 if none is known
     * @param clusterId    the cluster id the quorum runs with
     */
    public ImageClusterView(Supplier<MetadataImage> image, IntSupplier controllerId, Supplier<String> clusterId) {
        this.image = image;
        this.controllerId = controllerId;
        this.clusterId = clusterId;
    }

    @Override
    public String clusterId() {
        return image.get().clusterId().orElseGet(clusterId);
    }

    /**
     * The Raft leader when it is also an unfenced broker (combined mode); otherwise, as Kafka's
     * brokers answer with separated roles (clients cannot reach a controller-only node, so they get a
     * broker that forwards), the lowest unfenced broker id; -1 when there is none.
     */
    @Override
    public int controllerId() {
        int leader = controllerId.getAsInt();
        MetadataImage current = image.get();
        if (leader >= 0 && current.isActive(leader)) {
            return leader;
        }
        return current.brokers().values().stream().filter(b -> !b.fenced()).mapToInt(b -> b.id()).min().orElse(leader);
    }

    @Override
    public List<BrokerNode> brokers(String listenerName, boolean includeFenced) {
        List<BrokerNode> brokers = new ArrayList<>();
        for (BrokerRegistration broker : new TreeMap<>(image.get().brokers()).values()) {
            if ((includeFenced || !broker.fenced()) && !broker.endpoints().isEmpty()) {
                Endpoint endpoint = broker.endpoints().stream().filter(e -> e.listenerName().equals(listenerName))
                        .findFirst().orElse(broker.endpoints().get(0));
                brokers.add(new BrokerNode(broker.id(), endpoint.host(), endpoint.port(), broker.rack().orElse(null),
                        broker.fenced()));
            }
        }
        return brokers;
    }

    @Override
    public List<TopicView> topics() {
        MetadataImage current = image.get();
        return current.topicsById().values().stream().sorted(Comparator.comparing(TopicImage::name))
                .map(topic -> view(current, topic)).toList();
    }

    @Override
    public Optional<TopicView> topic(String name) {
        MetadataImage current = image.get();
        return Optional.ofNullable(current.topic(name)).map(topic -> view(current, topic));
    }

    @Override
    public Optional<TopicView> topic(Uuid id) {
        MetadataImage current = image.get();
        return Optional.ofNullable(current.topic(id)).map(topic -> view(current, topic));
    }

    private static TopicView view(MetadataImage image, TopicImage topic) {
        List<PartitionView> partitions = new ArrayList<>(topic.partitions().size());
        new TreeMap<>(topic.partitions()).forEach((index, partition) -> partitions.add(view(image, index, partition)));
        return new TopicView(topic.name(), topic.id(), TopicNames.isInternal(topic.name()), partitions);
    }

    private static PartitionView view(MetadataImage image, int index, PartitionRegistration partition) {
        List<Integer> replicas = new ArrayList<>();
        List<Integer> offline = new ArrayList<>();
        for (int replica : partition.replicas()) {
            replicas.add(replica);
            if (!image.isActive(replica)) {
                offline.add(replica);
            }
        }
        List<Integer> isr = new ArrayList<>();
        for (int member : partition.isr()) {
            isr.add(member);
        }
        // A leader on a fenced or unregistered broker cannot be reached: LEADER_NOT_AVAILABLE, as in Kafka.
        int leader = partition.hasLeader() && image.isActive(partition.leader()) ? partition.leader()
                : PartitionView.NO_LEADER;
        return new PartitionView(index, leader, partition.leaderEpoch(), replicas, isr, offline);
    }
}
