package io.samsa.broker.admin.view;

import io.samsa.broker.metadata.LeaderEpoch;
import io.samsa.broker.metadata.LocalBroker;
import io.samsa.broker.replication.PartitionRole;
import io.samsa.broker.topics.Topic;
import io.samsa.broker.topics.TopicRegistry;
import io.samsa.protocol.types.Uuid;
import io.samsa.storage.TopicPartition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The metadata of a one-broker cluster: the topics of this node's registry, each partition led
 * here (leader epoch {@link LeaderEpoch#CURRENT}, replicas and ISR {this node}) unless a
 * replication role says otherwise. Thread-safe: reads the registry's snapshot.
 */
public final class SingleNodeView implements ClusterMetadataView {
    private final TopicRegistry registry;
    private final Supplier<LocalBroker> localBroker;
    private final LocalBrokerView brokers;
    private final Function<TopicPartition, Optional<PartitionRole>> roles;

    /**
     * @param roles the role of a replicated partition (leader, epoch, replicas, ISR); a partition
     *              without one is led here with ISR {self}
     */
    public SingleNodeView(TopicRegistry registry, Supplier<LocalBroker> localBroker,
                          Function<TopicPartition, Optional<PartitionRole>> roles) {
        this.registry = registry;
        this.localBroker = localBroker;
        this.brokers = new LocalBrokerView(localBroker);
        this.roles = roles;
    }

    @Override
    public String clusterId() {
        return brokers.clusterId();
    }

    @Override
    public int controllerId() {
        return brokers.controllerId();
    }

    @Override
    public List<BrokerNode> brokers(String listenerName, boolean includeFenced) {
        return brokers.brokers(listenerName, includeFenced);
    }

    @Override
    public List<TopicView> topics() {
        int nodeId = localBroker.get().nodeId();
        List<TopicView> topics = new ArrayList<>();
        for (Topic topic : registry.topics()) {
            topics.add(view(topic, nodeId));
        }
        return topics;
    }

    @Override
    public Optional<TopicView> topic(String name) {
        return registry.topic(name).map(topic -> view(topic, localBroker.get().nodeId()));
    }

    @Override
    public Optional<TopicView> topic(Uuid id) {
        return registry.topic(id).map(topic -> view(topic, localBroker.get().nodeId()));
    }

    private TopicView view(Topic topic, int nodeId) {
        List<PartitionView> partitions = new ArrayList<>(topic.partitionCount());
        for (int partition = 0; partition < topic.partitionCount(); partition++) {
            Optional<PartitionRole> role = roles.apply(new TopicPartition(topic.name(), partition));
            partitions.add(new PartitionView(partition,
                    role.map(PartitionRole::leaderId).orElse(nodeId),
                    role.map(PartitionRole::leaderEpoch).orElse(LeaderEpoch.CURRENT),
                    role.map(PartitionRole::replicas).orElse(List.of(nodeId)),
                    role.map(PartitionRole::isr).orElse(List.of(nodeId)),
                    List.of()));
        }
        return new TopicView(topic.name(), topic.id(), topic.internal(), partitions);
    }
}
