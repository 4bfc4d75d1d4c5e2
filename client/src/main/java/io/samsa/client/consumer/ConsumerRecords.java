package io.samsa.client.consumer;

import io.samsa.client.common.TopicPartition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The records one {@code poll} returned, grouped by partition, plus (as in Kafka 4) the position
 * after the returned records of each partition ({@link #nextOffsets()}), ready to commit.
 *
 * <p>Immutable view over the lists it was given; safe to read from several threads.
 *
 * @param <K> key type
 * @param <V> value type
 */
public class ConsumerRecords<K, V> implements Iterable<ConsumerRecord<K, V>> {
    private static final ConsumerRecords<?, ?> EMPTY = new ConsumerRecords<>(Map.of(), Map.of());

    private final Map<TopicPartition, List<ConsumerRecord<K, V>>> records;
    private final Map<TopicPartition, OffsetAndMetadata> nextOffsets;

    public ConsumerRecords(Map<TopicPartition, List<ConsumerRecord<K, V>>> records,
                           Map<TopicPartition, OffsetAndMetadata> nextOffsets) {
        this.records = records;
        this.nextOffsets = Collections.unmodifiableMap(nextOffsets);
    }

    /** Records without next offsets (Kafka 3.x's constructor, kept for tests and mocks). */
    public ConsumerRecords(Map<TopicPartition, List<ConsumerRecord<K, V>>> records) {
        this(records, Map.of());
    }

    @SuppressWarnings("unchecked")
    public static <K, V> ConsumerRecords<K, V> empty() {
        return (ConsumerRecords<K, V>) EMPTY;
    }

    /** The records of one partition (empty when none). */
    public List<ConsumerRecord<K, V>> records(TopicPartition partition) {
        List<ConsumerRecord<K, V>> recs = records.get(partition);
        return recs == null ? Collections.emptyList() : Collections.unmodifiableList(recs);
    }

    /** The records of one topic, partition by partition. */
    public Iterable<ConsumerRecord<K, V>> records(String topic) {
        if (topic == null) {
            throw new IllegalArgumentException("Topic must be non-null.");
        }
        List<List<ConsumerRecord<K, V>>> lists = new ArrayList<>();
        for (Map.Entry<TopicPartition, List<ConsumerRecord<K, V>>> entry : records.entrySet()) {
            if (entry.getKey().topic().equals(topic)) {
                lists.add(entry.getValue());
            }
        }
        return () -> new ConcatenatedIterator<>(lists);
    }

    /** The partitions with records in this batch. */
    public Set<TopicPartition> partitions() {
        return Collections.unmodifiableSet(records.keySet());
    }

    /** Per partition, the offset (and leader epoch) of the next record to consume. */
    public Map<TopicPartition, OffsetAndMetadata> nextOffsets() {
        return nextOffsets;
    }

    @Override
    public Iterator<ConsumerRecord<K, V>> iterator() {
        return new ConcatenatedIterator<>(records.values());
    }

    public int count() {
        int count = 0;
        for (List<ConsumerRecord<K, V>> recs : records.values()) {
            count += recs.size();
        }
        return count;
    }

    public boolean isEmpty() {
        return count() == 0;
    }

    /** Iterates several lists in turn, without copying them. */
    private static final class ConcatenatedIterator<T> implements Iterator<T> {
        private final Iterator<? extends List<T>> lists;
        private Iterator<T> current = Collections.emptyIterator();

        ConcatenatedIterator(Iterable<? extends List<T>> lists) {
            this.lists = lists.iterator();
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext() && lists.hasNext()) {
                current = lists.next().iterator();
            }
            return current.hasNext();
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }
    }
}
