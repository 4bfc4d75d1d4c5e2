package io.samsa.client.consumer;

import io.samsa.client.common.Metric;
import io.samsa.client.common.MetricName;
import io.samsa.client.common.PartitionInfo;
import io.samsa.client.common.TopicPartition;
import io.samsa.client.config.CommonClientConfigs;
import io.samsa.client.consumer.internals.ConsumerMetrics;
import io.samsa.client.consumer.internals.ConsumerSetup;
import io.samsa.client.consumer.internals.FetchPositions;
import io.samsa.client.consumer.internals.ThreadGuard;
import io.samsa.client.consumer.internals.FetchSettings;
import io.samsa.client.consumer.internals.GroupMember;
import io.samsa.client.consumer.internals.GroupMemberSetup;
import io.samsa.client.consumer.internals.Fetcher;
import io.samsa.client.consumer.internals.ListOffsetsLookup;
import io.samsa.client.consumer.internals.ListOffsetsLookup.ListedOffset;
import io.samsa.client.consumer.internals.OffsetCommitter;
import io.samsa.client.consumer.internals.SubscriptionState;
import io.samsa.client.consumer.internals.WakeupTrigger;
import io.samsa.client.errors.InvalidGroupIdException;
import io.samsa.client.errors.KafkaException;
import io.samsa.client.errors.TimeoutException;
import io.samsa.client.internals.metadata.ClusterMetadata;
import io.samsa.client.internals.metadata.MetadataSnapshot;
import io.samsa.client.internals.network.NetworkClient;
import io.samsa.client.internals.network.NetworkConfig;
import io.samsa.client.serialization.Deserializer;
import io.samsa.protocol.util.Time;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samsa's Kafka consumer: manual assignment or consumer-group membership, pipelined fetching,
 * commits, offset lookups and metrics, with Kafka's configuration keys and semantics. The group
 * protocol is chosen at construction by {@code group.protocol}: {@code classic} (JoinGroup/SyncGroup,
 * eager and cooperative rebalancing, static membership) or {@code consumer} (KIP-848: server-side
 * assignment through ConsumerGroupHeartbeat, {@link SubscriptionPattern}s evaluated by the broker).
 *
 * <p>Not thread-safe, as Kafka's: one application thread calls it (a second thread gets
 * {@link ConcurrentModificationException}); only {@link #wakeup()} may be called from any thread.
 * Internally a network thread does the I/O and a heartbeat thread keeps group membership alive.
 */
public class SamsaConsumer<K, V> implements Consumer<K, V> {
    private static final Logger LOG = LoggerFactory.getLogger(SamsaConsumer.class);
    private static final AtomicInteger CLIENT_SEQUENCE = new AtomicInteger(1);

    private final Time time;
    private final String clientId;
    private final Deserializer<K> keyDeserializer;
    private final Deserializer<V> valueDeserializer;
    private final NetworkClient network;
    private final ClusterMetadata metadata;
    private final SubscriptionState subscriptions;
    private final ConsumerMetrics metrics;
    private final WakeupTrigger trigger = new WakeupTrigger();
    private final Fetcher<K, V> fetcher;
    private final FetchPositions positions;
    private final OffsetCommitter committer;
    private final GroupMember coordinator;
    private final boolean consumerProtocol;
    private final long defaultApiTimeoutMs;
    private final long retryBackoffMs;
    private final boolean autoCommit;
    private final long autoCommitIntervalMs;
    private final boolean excludeInternalTopics;
    private final ThreadGuard guard = new ThreadGuard();
    private long nextAutoCommitMs;
    private volatile boolean closed;

    public SamsaConsumer(Map<String, Object> configs) {
        this(configs, null, null);
    }

    public SamsaConsumer(Properties properties) {
        this(properties, null, null);
    }

    public SamsaConsumer(Properties properties, Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer) {
        this(ConsumerSetup.propertiesToMap(properties), keyDeserializer, valueDeserializer);
    }

    public SamsaConsumer(Map<String, Object> configs, Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer) {
        this(new ConsumerConfig(ConsumerConfig.appendDeserializerToConfig(configs, keyDeserializer, valueDeserializer)),
            keyDeserializer, valueDeserializer, Time.SYSTEM);
    }

    @SuppressWarnings("unchecked")
    SamsaConsumer(ConsumerConfig config, Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer, Time time) {
        this.time = time;
        String groupId = config.getString(ConsumerConfig.GROUP_ID_CONFIG);
        String configuredId = config.getString(ConsumerConfig.CLIENT_ID_CONFIG);
        this.clientId = configuredId == null || configuredId.isEmpty()
            ? "consumer-" + (groupId == null ? "" : groupId + "-") + CLIENT_SEQUENCE.getAndIncrement() : configuredId;
        this.keyDeserializer = keyDeserializer != null ? keyDeserializer
            : (Deserializer<K>) ConsumerSetup.newDeserializer(config, ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, true);
        this.valueDeserializer = valueDeserializer != null ? valueDeserializer
            : (Deserializer<V>) ConsumerSetup.newDeserializer(config, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, false);
        this.defaultApiTimeoutMs = config.getInt(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG);
        this.retryBackoffMs = config.getLong(ConsumerConfig.RETRY_BACKOFF_MS_CONFIG);
        this.autoCommit = config.getBoolean(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG);
        this.autoCommitIntervalMs = config.getInt(ConsumerConfig.AUTO_COMMIT_INTERVAL_MS_CONFIG);
        this.excludeInternalTopics = config.getBoolean(ConsumerConfig.EXCLUDE_INTERNAL_TOPICS_CONFIG);
        long requestTimeoutMs = config.getInt(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG);
        Map<String, Object> withClientId = new HashMap<>(config.originals());
        withClientId.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        NetworkConfig networkConfig = NetworkConfig.from(new ConsumerConfig(withClientId));
        this.network = new NetworkClient(networkConfig, time);
        try {
            this.metadata = new ClusterMetadata(network,
                ClusterMetadata.bootstrapNodes(config.getList(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)),
                config.getLong(ConsumerConfig.METADATA_MAX_AGE_CONFIG), retryBackoffMs,
                config.getBoolean(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG));
            this.subscriptions = new SubscriptionState(OffsetResetStrategy.forConfig(config.getString(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG)));
            this.metrics = new ConsumerMetrics(time, clientId);
            boolean readCommitted = "read_committed".equals(config.getString(ConsumerConfig.ISOLATION_LEVEL_CONFIG));
            FetchSettings fetchSettings = new FetchSettings(config.getInt(ConsumerConfig.FETCH_MIN_BYTES_CONFIG),
                config.getInt(ConsumerConfig.FETCH_MAX_BYTES_CONFIG), config.getInt(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG),
                config.getInt(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG), config.getInt(ConsumerConfig.MAX_POLL_RECORDS_CONFIG),
                readCommitted, config.getBoolean(ConsumerConfig.CHECK_CRCS_CONFIG), requestTimeoutMs);
            this.fetcher = new Fetcher<>(network, metadata, subscriptions, fetchSettings, this.keyDeserializer,
                this.valueDeserializer, metrics, trigger);
            ListOffsetsLookup listOffsets = new ListOffsetsLookup(network, metadata, readCommitted);
            if (groupId == null) {
                this.committer = null;
                this.coordinator = null;
            } else {
                GroupMemberSetup.Group group = GroupMemberSetup.create(config, clientId, network, metadata, subscriptions, metrics,
                    trigger, time, requestTimeoutMs, retryBackoffMs);
                this.committer = group.committer();
                this.coordinator = group.member();
            }
            this.consumerProtocol = GroupMemberSetup.consumerProtocol(config);
            this.positions = new FetchPositions(time, metadata, subscriptions, committer, listOffsets, trigger, retryBackoffMs);
            this.nextAutoCommitMs = time.milliseconds() + autoCommitIntervalMs;
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
    }

    // ---------------------------------------------------------------- subscriptions

    @Override
    public Set<TopicPartition> assignment() {
        acquireAndEnsureOpen();
        try {
            return Collections.unmodifiableSet(subscriptions.assignedPartitions());
        } finally {
            release();
        }
    }

    @Override
    public Set<String> subscription() {
        acquireAndEnsureOpen();
        try {
            return Collections.unmodifiableSet(subscriptions.subscription());
        } finally {
            release();
        }
    }

    @Override
    public void subscribe(Collection<String> topics) {
        subscribe(topics, SubscriptionState.NO_OP_LISTENER);
    }

    @Override
    public void subscribe(Collection<String> topics, ConsumerRebalanceListener listener) {
        acquireAndEnsureOpen();
        try {
            if (topics == null) {
                throw new IllegalArgumentException("Topic collection to subscribe to cannot be null");
            }
            if (listener == null) {
                throw new IllegalArgumentException("RebalanceListener cannot be null");
            }
            if (topics.isEmpty()) {
                unsubscribeLocked();
                return;
            }
            for (String topic : topics) {
                if (topic == null || topic.isBlank()) {
                    throw new IllegalArgumentException("Topic collection to subscribe to cannot contain null or empty topic");
                }
            }
            requireGroupId();
            subscriptions.subscribe(new HashSet<>(topics), listener);
            metadata.trackAllTopics(false);
            metadata.setTopics(topics);
            metadata.requestUpdate();
        } finally {
            release();
        }
    }

    @Override
    public void subscribe(Pattern pattern) {
        subscribe(pattern, SubscriptionState.NO_OP_LISTENER);
    }

    @Override
    public void subscribe(Pattern pattern, ConsumerRebalanceListener listener) {
        acquireAndEnsureOpen();
        try {
            if (pattern == null || pattern.pattern().isEmpty()) {
                throw new IllegalArgumentException("Topic pattern to subscribe to cannot be " + (pattern == null ? "null" : "empty"));
            }
            if (listener == null) {
                throw new IllegalArgumentException("RebalanceListener cannot be null");
            }
            requireGroupId();
            subscriptions.subscribe(pattern, listener);
            metadata.trackAllTopics(true);
            metadata.requestUpdate();
            updatePatternSubscription();
        } finally {
            release();
        }
    }

    @Override
    public void subscribe(SubscriptionPattern pattern) {
        subscribe(pattern, SubscriptionState.NO_OP_LISTENER);
    }

    /** The coordinator evaluates the RE2/J expression (KIP-848); the consumer tracks every topic so assigned ids resolve. */
    @Override
    public void subscribe(SubscriptionPattern pattern, ConsumerRebalanceListener listener) {
        acquireAndEnsureOpen();
        try {
            if (!consumerProtocol) {
                throw new UnsupportedOperationException("subscribe(SubscriptionPattern) is supported only with "
                    + ConsumerConfig.GROUP_PROTOCOL_CONFIG + "=consumer");
            }
            if (pattern == null || pattern.pattern().isEmpty()) {
                throw new IllegalArgumentException("Topic pattern to subscribe to cannot be " + (pattern == null ? "null" : "empty"));
            }
            if (listener == null) {
                throw new IllegalArgumentException("RebalanceListener cannot be null");
            }
            requireGroupId();
            subscriptions.subscribe(pattern.pattern(), listener);
            metadata.trackAllTopics(true);
            metadata.requestUpdate();
        } finally {
            release();
        }
    }

    /** Matches the pattern against the latest metadata; a new match changes the subscription (and rejoins). */
    private void updatePatternSubscription() {
        if (subscriptions.type() != SubscriptionState.Type.AUTO_PATTERN) {
            return;
        }
        MetadataSnapshot snapshot = metadata.snapshot();
        Set<String> matched = snapshot.cluster().topics().stream()
            .filter(t -> !(excludeInternalTopics && snapshot.cluster().internalTopics().contains(t)))
            .filter(t -> subscriptions.pattern().matcher(t).matches())
            .collect(Collectors.toSet());
        if (subscriptions.changeSubscription(matched)) {
            LOG.info("pattern {} now matches {}", subscriptions.pattern(), matched);
        }
    }

    @Override
    public void assign(Collection<TopicPartition> partitions) {
        acquireAndEnsureOpen();
        try {
            if (partitions == null) {
                throw new IllegalArgumentException("Topic partition collection to assign to cannot be null");
            }
            if (partitions.isEmpty()) {
                unsubscribeLocked();
                return;
            }
            for (TopicPartition tp : partitions) {
                if (tp == null || tp.topic() == null || tp.topic().isBlank()) {
                    throw new IllegalArgumentException("Topic partitions to assign to cannot have null or empty topic");
                }
            }
            subscriptions.assignFromUser(new HashSet<>(partitions));
            metadata.trackAllTopics(false);
            metadata.setTopics(partitions.stream().map(TopicPartition::topic).collect(Collectors.toSet()));
            metadata.requestUpdate();
        } finally {
            release();
        }
    }

    @Override
    public void unsubscribe() {
        acquireAndEnsureOpen();
        try {
            unsubscribeLocked();
        } finally {
            release();
        }
    }

    private void unsubscribeLocked() {
        if (coordinator != null && subscriptions.hasAutoAssignedPartitions()) {
            coordinator.leaveGroup("the consumer unsubscribed from all topics", time.milliseconds() + defaultApiTimeoutMs);
        }
        subscriptions.unsubscribe();
        fetcher.clearBuffered();
        metadata.trackAllTopics(false);
        metadata.setTopics(List.of());
    }

    // ---------------------------------------------------------------- poll

    @Override
    public ConsumerRecords<K, V> poll(Duration timeout) {
        acquireAndEnsureOpen();
        try {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("Timeout must not be negative");
            }
            if (subscriptions.type() == SubscriptionState.Type.NONE) {
                throw new IllegalStateException("Consumer is not subscribed to any topics or assigned any partitions");
            }
            long deadlineMs = deadline(timeout.toMillis());
            do {
                trigger.maybeTriggerWakeup();
                long nowMs = time.milliseconds();
                if (committer != null) {
                    committer.invokeCompletedCallbacks();
                }
                if (subscriptions.type() == SubscriptionState.Type.AUTO_PATTERN && metadata.snapshot().updatedAtMs() < 0) {
                    trigger.await(metadata.requestUpdate(), deadlineMs - nowMs);
                }
                updatePatternSubscription();
                if (coordinator != null) {
                    coordinator.poll(nowMs, deadlineMs);
                }
                maybeAutoCommit(time.milliseconds());
                positions.update(deadlineMs);
                Map<TopicPartition, List<ConsumerRecord<K, V>>> records = fetcher.collect();
                fetcher.sendFetches();
                if (!records.isEmpty()) {
                    metrics.retainPartitions(subscriptions.assignedPartitions());
                    Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
                    for (TopicPartition tp : records.keySet()) {
                        SubscriptionState.PartitionState state = subscriptions.state(tp);
                        next.put(tp, new OffsetAndMetadata(state.position(), subscriptions.leaderEpoch(tp), ""));
                    }
                    return new ConsumerRecords<>(records, next);
                }
                long waitMs = deadlineMs - time.milliseconds();
                if (autoCommit && coordinator != null) {
                    waitMs = Math.min(waitMs, Math.max(0, nextAutoCommitMs - time.milliseconds()));
                }
                if (!subscriptions.hasAllFetchPositions()) {
                    waitMs = Math.min(waitMs, retryBackoffMs);
                }
                if (coordinator != null && subscriptions.hasAutoAssignedPartitions() && !coordinator.isStable()) {
                    waitMs = Math.min(waitMs, retryBackoffMs);
                }
                if (waitMs > 0 && !fetcher.hasAvailableFetches()) {
                    trigger.await(null, waitMs);
                }
            } while (time.milliseconds() < deadlineMs);
            return ConsumerRecords.empty();
        } finally {
            release();
        }
    }

    private void maybeAutoCommit(long nowMs) {
        if (!autoCommit || coordinator == null || nowMs < nextAutoCommitMs) {
            return;
        }
        nextAutoCommitMs = nowMs + autoCommitIntervalMs;
        if (!coordinator.canAutoCommit()) {
            return;
        }
        committer.commitAsync(subscriptions.allConsumed(), (offsets, error) -> {
            if (error != null) {
                LOG.warn("auto-commit of {} failed: {}", offsets, error.toString());
            }
        });
    }

    // ---------------------------------------------------------------- commits

    @Override
    public void commitSync() {
        commitSync(Duration.ofMillis(defaultApiTimeoutMs));
    }

    @Override
    public void commitSync(Duration timeout) {
        acquireAndEnsureOpen();
        try {
            requireGroupId().commitSync(subscriptions.allConsumed(), deadline(timeout.toMillis()));
        } finally {
            release();
        }
    }

    @Override
    public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        commitSync(offsets, Duration.ofMillis(defaultApiTimeoutMs));
    }

    @Override
    public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
        acquireAndEnsureOpen();
        try {
            requireGroupId().commitSync(Map.copyOf(offsets), deadline(timeout.toMillis()));
        } finally {
            release();
        }
    }

    @Override
    public void commitAsync() {
        commitAsync(null);
    }

    @Override
    public void commitAsync(OffsetCommitCallback callback) {
        acquireAndEnsureOpen();
        try {
            requireGroupId().commitAsync(subscriptions.allConsumed(), callback);
        } finally {
            release();
        }
    }

    @Override
    public void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
        acquireAndEnsureOpen();
        try {
            requireGroupId().commitAsync(offsets, callback);
        } finally {
            release();
        }
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions) {
        return committed(partitions, Duration.ofMillis(defaultApiTimeoutMs));
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions, Duration timeout) {
        acquireAndEnsureOpen();
        try {
            Map<TopicPartition, OffsetAndMetadata> found = requireGroupId().fetchCommitted(partitions, deadline(timeout.toMillis()));
            Map<TopicPartition, OffsetAndMetadata> result = new HashMap<>();
            partitions.forEach(tp -> result.put(tp, found.get(tp)));
            return result;
        } finally {
            release();
        }
    }

    // ---------------------------------------------------------------- positions

    @Override
    public void seek(TopicPartition partition, long offset) {
        seek(partition, new OffsetAndMetadata(offset));
    }

    @Override
    public void seek(TopicPartition partition, OffsetAndMetadata offsetAndMetadata) {
        acquireAndEnsureOpen();
        try {
            if (offsetAndMetadata.offset() < 0) {
                throw new IllegalArgumentException("seek offset must not be a negative number");
            }
            subscriptions.seek(partition, offsetAndMetadata.offset(), offsetAndMetadata.leaderEpoch());
        } finally {
            release();
        }
    }

    @Override
    public void seekToBeginning(Collection<TopicPartition> partitions) {
        resetTo(partitions, OffsetResetStrategy.EARLIEST);
    }

    @Override
    public void seekToEnd(Collection<TopicPartition> partitions) {
        resetTo(partitions, OffsetResetStrategy.LATEST);
    }

    private void resetTo(Collection<TopicPartition> partitions, OffsetResetStrategy strategy) {
        acquireAndEnsureOpen();
        try {
            if (partitions == null) {
                throw new IllegalArgumentException("Partitions collection cannot be null");
            }
            Collection<TopicPartition> targets = partitions.isEmpty() ? subscriptions.assignedPartitions() : partitions;
            targets.forEach(tp -> subscriptions.requestReset(tp, strategy));
        } finally {
            release();
        }
    }

    @Override
    public long position(TopicPartition partition) {
        return position(partition, Duration.ofMillis(defaultApiTimeoutMs));
    }

    @Override
    public long position(TopicPartition partition, Duration timeout) {
        acquireAndEnsureOpen();
        try {
            if (!subscriptions.isAssigned(partition)) {
                throw new IllegalStateException("You can only check the position for partitions assigned to this consumer.");
            }
            long deadlineMs = deadline(timeout.toMillis());
            while (true) {
                Long position = subscriptions.state(partition).position();
                if (position != null) {
                    return position;
                }
                positions.update(deadlineMs);
                position = subscriptions.state(partition).position();
                if (position != null) {
                    return position;
                }
                if (time.milliseconds() >= deadlineMs) {
                    throw new TimeoutException("Timeout of " + timeout.toMillis()
                        + "ms expired before the position for partition " + partition + " could be determined");
                }
                trigger.await(null, Math.min(retryBackoffMs, deadlineMs - time.milliseconds()));
            }
        } finally {
            release();
        }
    }

    @Override
    public Set<TopicPartition> paused() {
        acquireAndEnsureOpen();
        try {
            return Collections.unmodifiableSet(subscriptions.pausedPartitions());
        } finally {
            release();
        }
    }

    @Override
    public void pause(Collection<TopicPartition> partitions) {
        acquireAndEnsureOpen();
        try {
            partitions.forEach(subscriptions::pause);
        } finally {
            release();
        }
    }

    @Override
    public void resume(Collection<TopicPartition> partitions) {
        acquireAndEnsureOpen();
        try {
            partitions.forEach(subscriptions::resume);
        } finally {
            release();
        }
    }

    // ---------------------------------------------------------------- lookups

    @Override
    public Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> timestampsToSearch) {
        return offsetsForTimes(timestampsToSearch, Duration.ofMillis(defaultApiTimeoutMs));
    }

    @Override
    public Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> timestampsToSearch, Duration timeout) {
        acquireAndEnsureOpen();
        try {
            timestampsToSearch.forEach((tp, ts) -> {
                if (ts == null || ts < 0) {
                    throw new IllegalArgumentException("The target time for partition " + tp + " is " + ts
                        + ". The target time cannot be negative.");
                }
            });
            Map<TopicPartition, ListedOffset> found = positions.lookup(timestampsToSearch, deadline(timeout.toMillis()));
            Map<TopicPartition, OffsetAndTimestamp> result = new HashMap<>();
            timestampsToSearch.keySet().forEach(tp -> {
                ListedOffset listed = found.get(tp);
                result.put(tp, listed == null || listed.offset() < 0 ? null
                    : new OffsetAndTimestamp(listed.offset(), listed.timestamp(), listed.leaderEpoch()));
            });
            return result;
        } finally {
            release();
        }
    }

    @Override
    public Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions) {
        return beginningOffsets(partitions, Duration.ofMillis(defaultApiTimeoutMs));
    }

    @Override
    public Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions, Duration timeout) {
        return listedOffsets(partitions, ListOffsetsLookup.EARLIEST_TIMESTAMP, timeout);
    }

    @Override
    public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
        return endOffsets(partitions, Duration.ofMillis(defaultApiTimeoutMs));
    }

    @Override
    public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions, Duration timeout) {
        return listedOffsets(partitions, ListOffsetsLookup.LATEST_TIMESTAMP, timeout);
    }

    private Map<TopicPartition, Long> listedOffsets(Collection<TopicPartition> partitions, long timestamp, Duration timeout) {
        acquireAndEnsureOpen();
        try {
            Map<TopicPartition, Long> timestamps = new HashMap<>();
            partitions.forEach(tp -> timestamps.put(tp, timestamp));
            Map<TopicPartition, Long> result = new HashMap<>();
            positions.lookup(timestamps, deadline(timeout.toMillis())).forEach((tp, listed) -> result.put(tp, listed.offset()));
            return result;
        } finally {
            release();
        }
    }

    @Override
    public List<PartitionInfo> partitionsFor(String topic) {
        return partitionsFor(topic, Duration.ofMillis(defaultApiTimeoutMs));
    }

    @Override
    public List<PartitionInfo> partitionsFor(String topic, Duration timeout) {
        acquireAndEnsureOpen();
        try {
            List<PartitionInfo> known = metadata.snapshot().cluster().partitionsForTopic(topic);
            if (!known.isEmpty()) {
                return known;
            }
            MetadataSnapshot fetched = awaitMetadata(metadata.fetch(List.of(topic)), timeout);
            return fetched.cluster().partitionsForTopic(topic);
        } finally {
            release();
        }
    }

    @Override
    public Map<String, List<PartitionInfo>> listTopics() {
        return listTopics(Duration.ofMillis(defaultApiTimeoutMs));
    }

    @Override
    public Map<String, List<PartitionInfo>> listTopics(Duration timeout) {
        acquireAndEnsureOpen();
        try {
            MetadataSnapshot fetched = awaitMetadata(metadata.fetch(null), timeout);
            Map<String, List<PartitionInfo>> result = new HashMap<>();
            for (String topic : fetched.cluster().topics()) {
                result.put(topic, fetched.cluster().partitionsForTopic(topic));
            }
            return result;
        } finally {
            release();
        }
    }

    private MetadataSnapshot awaitMetadata(CompletableFuture<MetadataSnapshot> future, Duration timeout) {
        if (!trigger.await(future, timeout.toMillis())) {
            throw new TimeoutException("Timeout expired while fetching topic metadata");
        }
        return WakeupTrigger.valueOf(future);
    }

    // ---------------------------------------------------------------- group

    @Override
    public ConsumerGroupMetadata groupMetadata() {
        acquireAndEnsureOpen();
        try {
            requireGroupId();
            return coordinator.groupMetadata();
        } finally {
            release();
        }
    }

    @Override
    public void enforceRebalance() {
        enforceRebalance("user enforced rebalance");
    }

    @Override
    public void enforceRebalance(String reason) {
        acquireAndEnsureOpen();
        try {
            if (coordinator == null) {
                throw new IllegalStateException("Tried to force a rebalance but consumer does not have a group.");
            }
            coordinator.enforceRebalance(reason == null || reason.isEmpty() ? "user enforced rebalance" : reason);
        } finally {
            release();
        }
    }

    @Override
    public Map<MetricName, ? extends Metric> metrics() {
        return Collections.unmodifiableMap(metrics.snapshot());
    }

    @Override
    public void wakeup() {
        trigger.wakeup();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    @Override
    public void close(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("The timeout cannot be negative.");
        }
        acquire();
        try {
            if (closed) {
                return;
            }
            closed = true;
            long deadlineMs = deadline(Math.min(timeout.toMillis(), defaultApiTimeoutMs));
            if (coordinator != null) {
                coordinator.close(deadlineMs);
            }
        } finally {
            fetcher.clearBuffered();
            network.close();
            closeQuietly(keyDeserializer);
            closeQuietly(valueDeserializer);
            release();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("failed to close {}", closeable, e);
        }
    }

    // ---------------------------------------------------------------- helpers

    private OffsetCommitter requireGroupId() {
        if (committer == null) {
            throw new InvalidGroupIdException("To use the group management or offset commit APIs, you must provide a valid "
                + ConsumerConfig.GROUP_ID_CONFIG + " in the consumer configuration.");
        }
        return committer;
    }

    private long deadline(long timeoutMs) {
        long nowMs = time.milliseconds();
        return timeoutMs > Long.MAX_VALUE - nowMs ? Long.MAX_VALUE : nowMs + timeoutMs;
    }

    private void acquire() {
        guard.acquire();
    }

    private void release() {
        guard.release();
    }

    private void acquireAndEnsureOpen() {
        acquire();
        if (closed) {
            release();
            throw new IllegalStateException("This consumer has already been closed.");
        }
    }
}
