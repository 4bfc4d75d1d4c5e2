package io.samsa.client.consumer;

import io.samsa.client.common.Metric;
import io.samsa.client.common.MetricName;
import io.samsa.client.common.PartitionInfo;
import io.samsa.client.common.TopicPartition;
import java.io.Closeable;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The consumer API, the same methods as Kafka's {@code Consumer}. Implementations are NOT
 * thread-safe: one thread uses a consumer, except {@link #wakeup()}, which any thread may call.
 * Calls without a timeout block up to {@code default.api.timeout.ms}.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface Consumer<K, V> extends Closeable {

    /** The partitions currently assigned to this consumer. */
    Set<TopicPartition> assignment();

    /** The topics subscribed to (empty when assigning manually). */
    Set<String> subscription();

    /** Joins the group for these topics, replacing any previous subscription. */
    void subscribe(Collection<String> topics);

    /** As {@link #subscribe(Collection)}, with rebalance hooks. */
    void subscribe(Collection<String> topics, ConsumerRebalanceListener listener);

    /** Takes exactly these partitions, without a group (no rebalances). */
    void assign(Collection<TopicPartition> partitions);

    /** Subscribes to every topic matching {@code pattern}, now and as topics appear. */
    void subscribe(Pattern pattern, ConsumerRebalanceListener listener);

    void subscribe(Pattern pattern);

    /**
     * Subscribes to the topics the group coordinator matches with an RE2/J expression (KIP-848;
     * {@code group.protocol=consumer} only, else UnsupportedOperationException), with rebalance hooks.
     */
    void subscribe(SubscriptionPattern pattern, ConsumerRebalanceListener listener);

    /** As {@link #subscribe(SubscriptionPattern, ConsumerRebalanceListener)} without hooks. */
    void subscribe(SubscriptionPattern pattern);

    /** Drops the subscription or manual assignment (and leaves the group). */
    void unsubscribe();

    /** Fetches records, waiting up to {@code timeout} when none are ready; also drives the group protocol. */
    ConsumerRecords<K, V> poll(Duration timeout);

    /** Commits the positions of all assigned partitions, blocking. */
    void commitSync();

    void commitSync(Duration timeout);

    void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets);

    void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout);

    /** Commits the positions of all assigned partitions without blocking. */
    void commitAsync();

    void commitAsync(OffsetCommitCallback callback);

    void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback);

    /** The next poll fetches {@code partition} from {@code offset}. */
    void seek(TopicPartition partition, long offset);

    void seek(TopicPartition partition, OffsetAndMetadata offsetAndMetadata);

    void seekToBeginning(Collection<TopicPartition> partitions);

    void seekToEnd(Collection<TopicPartition> partitions);

    /** The offset of the next record to be fetched from {@code partition}, looking it up if needed. */
    long position(TopicPartition partition);

    long position(TopicPartition partition, Duration timeout);

    /** The group's committed offsets (null values for partitions without a commit). */
    Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions);

    Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions, Duration timeout);

    Map<MetricName, ? extends Metric> metrics();

    List<PartitionInfo> partitionsFor(String topic);

    List<PartitionInfo> partitionsFor(String topic, Duration timeout);

    Map<String, List<PartitionInfo>> listTopics();

    Map<String, List<PartitionInfo>> listTopics(Duration timeout);

    /** The partitions paused by {@link #pause}. */
    Set<TopicPartition> paused();

    /** Stops returning records of these partitions from poll (the group membership continues). */
    void pause(Collection<TopicPartition> partitions);

    void resume(Collection<TopicPartition> partitions);

    /** Per partition, the earliest offset whose timestamp is at or after the given time (ms), or null. */
    Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> timestampsToSearch);

    Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> timestampsToSearch, Duration timeout);

    Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions);

    Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions, Duration timeout);

    /** The log end offsets (or last stable offsets under read_committed). */
    Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions);

    Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions, Duration timeout);

    /** This member's group metadata (for transactional producers). */
    ConsumerGroupMetadata groupMetadata();

    /** Asks the group to rebalance at the next poll. */
    void enforceRebalance();

    void enforceRebalance(String reason);

    /** Leaves the group (after committing, with auto-commit) and releases resources. */
    @Override
    void close();

    void close(Duration timeout);

    /** Makes a blocked (or the next) call on the polling thread throw {@link io.samsa.client.errors.WakeupException}. */
    void wakeup();
}
