package io.samsa.client.consumer.internals;

import io.samsa.client.common.TopicPartition;
import io.samsa.client.errors.KafkaException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a user rebalance callback as Kafka does: a KafkaException passes through, any other runtime
 * exception is wrapped in "User rebalance callback throws an error"; losing every owned partition.
 *
 * <p>Stateless; thread-safe.
 */
final class ListenerCalls {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerCalls.class);

    private ListenerCalls() {
    }

    /**
     * Takes every owned partition away as lost (the member's generation or epoch is gone) and
     * calls onPartitionsLost when there were any.
     */
    static void loseAll(SubscriptionState subscriptions, String groupId) {
        Set<TopicPartition> owned = subscriptions.assignedPartitions();
        subscriptions.assignFromSubscribed(Set.of());
        if (!owned.isEmpty()) {
            LOG.info("group {}: lost partitions {}", groupId, owned);
            invoke(() -> subscriptions.listener().onPartitionsLost(owned));
        }
    }

    static void invoke(Runnable call) {
        try {
            call.run();
        } catch (KafkaException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new KafkaException("User rebalance callback throws an error", e);
        }
    }
}
