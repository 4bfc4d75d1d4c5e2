package io.samsa.coordinator.offsets;

import io.samsa.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Splits the partitions of an offsets request (OffsetCommit, OffsetDelete) into those that exist and
 * those that do not, as Kafka's broker does before it calls its coordinator: a partition of an
 * unknown topic, or one at or beyond the topic's partition count, is answered
 * UNKNOWN_TOPIC_OR_PARTITION and never reaches the coordinator (nothing is stored or deleted for
 * it); the coordinator's answers for the others are merged back in request order.
 *
 * <p>Immutable once built; thread-safe.
 *
 * @param <T> the request's partition entry
 */
public final class UnknownPartitionFilter<T> {
    private final List<TopicPartition> requested;
    private final boolean[] known;
    private final List<T> knownEntries;

    private UnknownPartitionFilter(List<TopicPartition> requested, boolean[] known, List<T> knownEntries) {
        this.requested = requested;
        this.known = known;
        this.knownEntries = knownEntries;
    }

    /** The partition an entry of type {@code T} names. */
    @FunctionalInterface
    public interface PartitionOf<T> {
        TopicPartition of(T entry);
    }

    /** @return the split of {@code entries} by what {@code topics} knows */
    public static <T> UnknownPartitionFilter<T> split(List<T> entries, PartitionOf<T> partitionOf, TopicMetadataLookup topics) {
        List<TopicPartition> requested = new ArrayList<>(entries.size());
        boolean[] known = new boolean[entries.size()];
        List<T> knownEntries = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            TopicPartition partition = partitionOf.of(entries.get(i));
            requested.add(partition);
            known[i] = topics.hasPartition(partition.topic(), partition.partition());
            if (known[i]) {
                knownEntries.add(entries.get(i));
            }
        }
        return new UnknownPartitionFilter<>(requested, known, knownEntries);
    }

    /** @return true when every requested partition exists */
    public boolean allKnown() {
        return knownEntries.size() == known.length;
    }

    /** @return the entries whose partitions exist, in request order */
    public List<T> knownEntries() {
        return knownEntries;
    }

    /**
     * @param knownResults the coordinator's answers for {@link #knownEntries()}, one per entry in order, or
     *                     empty when it answered none (a group-level error, or it was not asked)
     * @return the results for every requested partition, in request order: the unknown ones
     *         UNKNOWN_TOPIC_OR_PARTITION, the known ones as the coordinator answered (left out when
     *         {@code knownResults} is empty)
     */
    public List<PartitionResult> merge(List<PartitionResult> knownResults) {
        Iterator<PartitionResult> next = knownResults.iterator();
        List<PartitionResult> results = new ArrayList<>(known.length);
        for (int i = 0; i < known.length; i++) {
            if (!known[i]) {
                TopicPartition partition = requested.get(i);
                results.add(new PartitionResult(partition.topic(), partition.partition(), ErrorCode.UNKNOWN_TOPIC_OR_PARTITION));
            } else if (next.hasNext()) {
                results.add(next.next());
            }
        }
        return results;
    }
}
