package io.samsa.client.consumer.internals;

import io.samsa.client.common.TopicPartition;
import io.samsa.client.consumer.ConsumerRebalanceListener;
import io.samsa.client.consumer.OffsetAndMetadata;
import io.samsa.client.consumer.OffsetResetStrategy;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What the consumer reads: the subscription (topics, a pattern, or a manual assignment) and, per
 * assigned partition, its position, pause flag, pending offset reset and the lag data from the last
 * fetch.
 *
 * <p>Not thread-safe: only the application thread touches it (under the consumer's single-thread guard).
 */
public final class SubscriptionState {
    /** AUTO_REGEX: a broker-side RE2/J expression (KIP-848), the subscribed topics being those assigned. */
    public enum Type { NONE, AUTO_TOPICS, AUTO_PATTERN, AUTO_REGEX, USER_ASSIGNED }

    /** Per-partition state. */
    public static final class PartitionState {
        private Long position;
        private Optional<Integer> leaderEpoch = Optional.empty();
        private boolean paused;
        private OffsetResetStrategy resetStrategy;
        private long highWatermark = -1;

        public Long position() {
            return position;
        }

        public long highWatermark() {
            return highWatermark;
        }
    }

    private final OffsetResetStrategy defaultResetStrategy;
    private Type type = Type.NONE;
    private Set<String> subscription = Set.of();
    private Pattern pattern;
    private String regex;
    /** The listener of subscriptions made without one. */
    public static final ConsumerRebalanceListener NO_OP_LISTENER = new ConsumerRebalanceListener() {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        }
    };

    private ConsumerRebalanceListener listener = NO_OP_LISTENER;
    private final Map<TopicPartition, PartitionState> assignment = new LinkedHashMap<>();

    public SubscriptionState(OffsetResetStrategy defaultResetStrategy) {
        this.defaultResetStrategy = defaultResetStrategy;
    }

    public Type type() {
        return type;
    }

    public boolean hasAutoAssignedPartitions() {
        return type == Type.AUTO_TOPICS || type == Type.AUTO_PATTERN || type == Type.AUTO_REGEX;
    }

    public ConsumerRebalanceListener listener() {
        return listener;
    }

    public Pattern pattern() {
        return pattern;
    }

    /** Subscribes to topics; returns true when the topic set changed. */
    public boolean subscribe(Set<String> topics, ConsumerRebalanceListener listener) {
        setType(Type.AUTO_TOPICS);
        this.listener = listener;
        return changeSubscription(topics);
    }

    public void subscribe(Pattern pattern, ConsumerRebalanceListener listener) {
        setType(Type.AUTO_PATTERN);
        this.listener = listener;
        this.pattern = pattern;
    }

    /** Subscribes to a regular expression the group coordinator evaluates (RE2/J). */
    public void subscribe(String brokerRegex, ConsumerRebalanceListener listener) {
        setType(Type.AUTO_REGEX);
        this.listener = listener;
        this.regex = brokerRegex;
    }

    /** The broker-side expression of an AUTO_REGEX subscription, else null. */
    public String regex() {
        return regex;
    }

    /** Sets the topics a pattern matches now; true when they changed. */
    public boolean changeSubscription(Set<String> topics) {
        if (topics.equals(subscription)) {
            return false;
        }
        subscription = Set.copyOf(topics);
        return true;
    }

    public Set<String> subscription() {
        return hasAutoAssignedPartitions() ? new TreeSet<>(subscription) : Set.of();
    }

    public void assignFromUser(Set<TopicPartition> partitions) {
        setType(Type.USER_ASSIGNED);
        subscription = Set.of();
        setAssignment(partitions);
    }

    /** Installs the partitions the group gave this member, keeping the state of those it already had. */
    public void assignFromSubscribed(Collection<TopicPartition> partitions) {
        setAssignment(partitions);
    }

    public void unsubscribe() {
        type = Type.NONE;
        subscription = Set.of();
        pattern = null;
        regex = null;
        assignment.clear();
    }

    private void setAssignment(Collection<TopicPartition> partitions) {
        Map<TopicPartition, PartitionState> next = new LinkedHashMap<>();
        for (TopicPartition tp : partitions) {
            PartitionState existing = assignment.get(tp);
            next.put(tp, existing != null ? existing : new PartitionState());
        }
        assignment.clear();
        assignment.putAll(next);
    }

    private void setType(Type wanted) {
        if (type != Type.NONE && type != wanted) {
            throw new IllegalStateException("Subscription to topics, partitions and pattern are mutually exclusive");
        }
        type = wanted;
    }

    public Set<TopicPartition> assignedPartitions() {
        return new HashSet<>(assignment.keySet());
    }

    public boolean isAssigned(TopicPartition tp) {
        return assignment.containsKey(tp);
    }

    public PartitionState state(TopicPartition tp) {
        PartitionState state = assignment.get(tp);
        if (state == null) {
            throw new IllegalStateException("No current assignment for partition " + tp);
        }
        return state;
    }

    public Map<TopicPartition, PartitionState> states() {
        return assignment;
    }

    public void seek(TopicPartition tp, long offset, Optional<Integer> leaderEpoch) {
        PartitionState state = state(tp);
        state.position = offset;
        state.leaderEpoch = leaderEpoch;
        state.resetStrategy = null;
    }

    /** Moves the position forward after records were handed to the application. */
    public void advance(TopicPartition tp, long nextOffset, Optional<Integer> leaderEpoch) {
        PartitionState state = assignment.get(tp);
        if (state != null) {
            state.position = nextOffset;
            if (leaderEpoch.isPresent()) {
                state.leaderEpoch = leaderEpoch;
            }
        }
    }

    public Optional<Integer> leaderEpoch(TopicPartition tp) {
        return state(tp).leaderEpoch;
    }

    public void requestReset(TopicPartition tp, OffsetResetStrategy strategy) {
        PartitionState state = state(tp);
        state.position = null;
        state.resetStrategy = strategy;
    }

    /** Partitions with neither a position nor a pending reset: their committed offset is needed. */
    public Set<TopicPartition> initializingPartitions() {
        Set<TopicPartition> result = new HashSet<>();
        assignment.forEach((tp, s) -> {
            if (s.position == null && s.resetStrategy == null) {
                result.add(tp);
            }
        });
        return result;
    }

    /** Partitions waiting for an offset reset, with their strategy. */
    public Map<TopicPartition, OffsetResetStrategy> partitionsAwaitingReset() {
        Map<TopicPartition, OffsetResetStrategy> result = new HashMap<>();
        assignment.forEach((tp, s) -> {
            if (s.position == null && s.resetStrategy != null) {
                result.put(tp, s.resetStrategy);
            }
        });
        return result;
    }

    /** Marks partitions without a committed offset for reset with auto.offset.reset. */
    public void requestDefaultReset(TopicPartition tp) {
        requestReset(tp, defaultResetStrategy);
    }

    public OffsetResetStrategy defaultResetStrategy() {
        return defaultResetStrategy;
    }

    public boolean hasAllFetchPositions() {
        for (PartitionState s : assignment.values()) {
            if (s.position == null) {
                return false;
            }
        }
        return true;
    }

    public boolean isFetchable(TopicPartition tp) {
        PartitionState s = assignment.get(tp);
        return s != null && !s.paused && s.position != null;
    }

    public void pause(TopicPartition tp) {
        state(tp).paused = true;
    }

    public void resume(TopicPartition tp) {
        state(tp).paused = false;
    }

    public Set<TopicPartition> pausedPartitions() {
        Set<TopicPartition> result = new HashSet<>();
        assignment.forEach((tp, s) -> {
            if (s.paused) {
                result.add(tp);
            }
        });
        return result;
    }

    public void updateHighWatermark(TopicPartition tp, long highWatermark) {
        PartitionState s = assignment.get(tp);
        if (s != null) {
            s.highWatermark = highWatermark;
        }
    }

    /** Records lag of a partition, or null when unknown. */
    public Long lag(TopicPartition tp) {
        PartitionState s = assignment.get(tp);
        if (s == null || s.position == null || s.highWatermark < 0) {
            return null;
        }
        return Math.max(0, s.highWatermark - s.position);
    }

    /** The positions of all partitions that have one, as offsets to commit. */
    public Map<TopicPartition, OffsetAndMetadata> allConsumed() {
        Map<TopicPartition, OffsetAndMetadata> result = new HashMap<>();
        assignment.forEach((tp, s) -> {
            if (s.position != null) {
                result.put(tp, new OffsetAndMetadata(s.position, s.leaderEpoch, ""));
            }
        });
        return result;
    }
}
