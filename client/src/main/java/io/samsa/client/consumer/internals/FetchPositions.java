package io.samsa.client.consumer.internals;

import io.samsa.client.common.TopicPartition;
import io.samsa.client.consumer.OffsetAndMetadata;
import io.samsa.client.consumer.OffsetResetStrategy;
import io.samsa.client.consumer.internals.ListOffsetsLookup.ListedOffset;
import io.samsa.client.errors.NoOffsetForPartitionException;
import io.samsa.client.errors.TimeoutException;
import io.samsa.client.internals.metadata.ClusterMetadata;
import io.samsa.protocol.util.Time;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Gives assigned partitions their fetch positions: the committed offset for group consumers, else
 * auto.offset.reset (or a seekToBeginning/End) resolved with ListOffsets; also the consumer's
 * ListOffsets lookups with retries (beginningOffsets, endOffsets, offsetsForTimes).
 *
 * <p>Not thread-safe: application thread only.
 */
public final class FetchPositions {
    private final Time time;
    private final ClusterMetadata metadata;
    private final SubscriptionState subscriptions;
    private final OffsetCommitter committer;
    private final ListOffsetsLookup listOffsets;
    private final WakeupTrigger trigger;
    private final long retryBackoffMs;

    /** @param committer null for a consumer without group.id (no committed offsets) */
    public FetchPositions(Time time, ClusterMetadata metadata, SubscriptionState subscriptions, OffsetCommitter committer,
                          ListOffsetsLookup listOffsets, WakeupTrigger trigger, long retryBackoffMs) {
        this.time = time;
        this.metadata = metadata;
        this.subscriptions = subscriptions;
        this.committer = committer;
        this.listOffsets = listOffsets;
        this.trigger = trigger;
        this.retryBackoffMs = retryBackoffMs;
    }

    /**
     * Gives every assigned partition a position: the committed offset (group consumers), else
     * auto.offset.reset through ListOffsets.
     *
     * @throws NoOffsetForPartitionException when a partition needs a reset and auto.offset.reset is none
     */
    public void update(long deadlineMs) {
        if (subscriptions.hasAllFetchPositions()) {
            return;
        }
        Set<TopicPartition> initializing = subscriptions.initializingPartitions();
        if (!initializing.isEmpty()) {
            if (committer != null) {
                Map<TopicPartition, OffsetAndMetadata> committed;
                try {
                    committed = committer.fetchCommitted(initializing, Math.max(deadlineMs, time.milliseconds() + retryBackoffMs));
                } catch (TimeoutException e) {
                    return;
                }
                for (TopicPartition tp : initializing) {
                    OffsetAndMetadata offset = committed.get(tp);
                    if (!subscriptions.isAssigned(tp)) {
                        continue;
                    }
                    if (offset != null) {
                        subscriptions.seek(tp, offset.offset(), offset.leaderEpoch());
                    } else {
                        subscriptions.requestDefaultReset(tp);
                    }
                }
            } else {
                initializing.forEach(subscriptions::requestDefaultReset);
            }
        }
        Map<TopicPartition, OffsetResetStrategy> resets = subscriptions.partitionsAwaitingReset();
        Set<TopicPartition> noStrategy = resets.entrySet().stream().filter(e -> e.getValue() == OffsetResetStrategy.NONE)
            .map(Map.Entry::getKey).collect(Collectors.toSet());
        if (!noStrategy.isEmpty()) {
            throw new NoOffsetForPartitionException(noStrategy);
        }
        if (resets.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> timestamps = new HashMap<>();
        resets.forEach((tp, strategy) -> timestamps.put(tp, resetTimestamp(strategy)));
        Map<TopicPartition, ListedOffset> found;
        try {
            found = lookup(timestamps, Math.max(deadlineMs, time.milliseconds() + retryBackoffMs));
        } catch (TimeoutException e) {
            return;
        }
        found.forEach((tp, listed) -> {
            if (subscriptions.isAssigned(tp) && subscriptions.state(tp).position() == null) {
                if (listed.offset() >= 0) {
                    subscriptions.seek(tp, listed.offset(), listed.leaderEpoch());
                } else {
                    // by_duration found nothing that recent: start at the end
                    subscriptions.requestReset(tp, OffsetResetStrategy.LATEST);
                }
            }
        });
    }

    private static long resetTimestamp(OffsetResetStrategy strategy) {
        return switch (strategy) {
            case EARLIEST -> ListOffsetsLookup.EARLIEST_TIMESTAMP;
            case LATEST, NONE -> ListOffsetsLookup.LATEST_TIMESTAMP;
            case BY_DURATION -> ListOffsetsLookup.LATEST_TIMESTAMP;
        };
    }

    /**
     * ListOffsets for every partition, retrying retriable failures after a metadata refresh until
     * {@code deadlineMs}.
     *
     * @throws TimeoutException when some partition has no answer by then
     */
    public Map<TopicPartition, ListedOffset> lookup(Map<TopicPartition, Long> timestamps, long deadlineMs) {
        Map<TopicPartition, ListedOffset> result = new HashMap<>();
        Map<TopicPartition, Long> remaining = new HashMap<>(timestamps);
        metadata.addTopics(remaining.keySet().stream().map(TopicPartition::topic).collect(Collectors.toSet()));
        while (true) {
            if (remaining.keySet().stream().anyMatch(tp -> metadata.snapshot().leader(tp).isEmpty())) {
                trigger.await(metadata.requestUpdate(), Math.min(retryBackoffMs * 5, deadlineMs - time.milliseconds()));
            }
            CompletableFuture<ListOffsetsLookup.Result> future = listOffsets.lookup(remaining);
            if (!trigger.await(future, deadlineMs - time.milliseconds())) {
                throw new TimeoutException("Failed to get offsets for " + remaining.keySet() + " before the timeout");
            }
            ListOffsetsLookup.Result round = WakeupTrigger.valueOf(future);
            if (round.fatal() != null) {
                throw round.fatal();
            }
            result.putAll(round.offsets());
            remaining.keySet().retainAll(round.retriable().keySet());
            if (remaining.isEmpty()) {
                return result;
            }
            if (time.milliseconds() >= deadlineMs) {
                throw new TimeoutException("Failed to get offsets for " + remaining.keySet() + " before the timeout");
            }
            trigger.await(metadata.requestUpdate(), Math.min(retryBackoffMs, deadlineMs - time.milliseconds()));
        }
    }
}
