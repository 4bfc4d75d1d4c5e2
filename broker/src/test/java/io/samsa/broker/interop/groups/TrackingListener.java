package io.samsa.broker.interop.groups;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * A rebalance listener keeping a set equal to what its consumer was told it owns, counting the
 * revocations that took partitions away and, when given the consumer, committing (commitSync)
 * before it gives partitions up, as an application that must not have records read twice does.
 * Needs nothing but kafka-clients, so child JVMs with another kafka-clients use it too.
 *
 * <p>Runs on the consumer's polling thread; the set and counter are the caller's.
 */
final class TrackingListener implements ConsumerRebalanceListener {
    private final Set<TopicPartition> owned;
    private final KafkaConsumer<?, ?> commitOnRevoke;
    private final AtomicInteger revocations;

    /** @param commitOnRevoke the consumer to commit before a revocation, or null not to commit */
    TrackingListener(Set<TopicPartition> owned, KafkaConsumer<?, ?> commitOnRevoke, AtomicInteger revocations) {
        this.owned = owned;
        this.commitOnRevoke = commitOnRevoke;
        this.revocations = revocations;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            revocations.incrementAndGet();
            if (commitOnRevoke != null) {
                commitOnRevoke.commitSync();
            }
        }
        owned.removeAll(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        owned.addAll(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        owned.removeAll(partitions);
    }
}
