package io.samsa.broker.interop.groups;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;

/**
 * What the group tests with several kafka-clients consumers in one JVM share: a rebalance listener
 * keeping a set equal to what its consumer was told it owns, the check that no partition is owned
 * by two of them, and one poll that records and commits what was read.
 *
 * <p>Stateless; the sets it fills are the caller's (concurrent sets: listeners run on poll).
 */
final class OwnedPartitions {
    private OwnedPartitions() {
    }

    /**
     * @param commitOnRevoke when not null, committed (commitSync) before it gives partitions up, as an
     *                       application that must not have its records read twice does
     * @param revocations    counts the revocations that took partitions away
     */
    static ConsumerRebalanceListener tracking(Set<TopicPartition> owned, KafkaConsumer<?, ?> commitOnRevoke,
                                              AtomicInteger revocations) {
        return new TrackingListener(owned, commitOnRevoke, revocations);
    }

    /**
     * Polls {@code consumer} once (30 ms), adds what it read to {@code sink} and commits it (commitSync).
     * A classic consumer's commit refused because its group is rebalancing is left to a later poll, as
     * kafka-clients advises: its listener commits before any partition is given up.
     */
    static void pollAndCommit(KafkaConsumer<String, String> consumer, List<Consumed> sink) {
        int before = sink.size();
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(30))) {
            sink.add(new Consumed(record.partition(), record.offset(), record.value()));
        }
        if (sink.size() > before) {
            try {
                consumer.commitSync();
            } catch (RebalanceInProgressException e) {
                // committed by a later poll, or by the listener before a revocation
            }
        }
    }

    /** Fails when two members' sets share a partition. */
    static void assertNoneOwnedTwice(Map<String, Set<TopicPartition>> owned) {
        Set<TopicPartition> seen = new HashSet<>();
        owned.forEach((name, partitions) -> partitions.forEach(partition ->
                assertTrue(seen.add(partition), partition + " owned twice: " + owned)));
    }
}
