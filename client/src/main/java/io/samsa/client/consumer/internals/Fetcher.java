package io.samsa.client.consumer.internals;

import io.samsa.client.common.Node;
import io.samsa.client.common.TopicPartition;
import io.samsa.client.consumer.ConsumerRecord;
import io.samsa.client.consumer.OffsetResetStrategy;
import io.samsa.client.errors.Errors;
import io.samsa.client.errors.OffsetOutOfRangeException;
import io.samsa.client.errors.TopicAuthorizationException;
import io.samsa.client.internals.metadata.ClusterMetadata;
import io.samsa.client.internals.metadata.MetadataSnapshot;
import io.samsa.client.internals.network.ClientRequest;
import io.samsa.client.internals.network.NetworkClient;
import io.samsa.client.internals.network.NodeApiVersions;
import io.samsa.client.serialization.Deserializer;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.ApiMessageType;
import io.samsa.protocol.message.FetchRequest;
import io.samsa.protocol.message.FetchResponse;
import io.samsa.protocol.record.MemoryRecords;
import io.samsa.protocol.types.Uuid;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches records for the assigned partitions: at most one Fetch in flight per leader, sent ahead
 * of the application's poll (pipelining), without fetch sessions (session id 0, epoch -1: every
 * request is a full fetch). Responses are queued by the network thread and decoded by the
 * application thread in {@link #collect}, which hands out at most max.poll.records per call and
 * advances positions. OFFSET_OUT_OF_RANGE resets via auto.offset.reset; stale-metadata errors ask
 * for a metadata refresh.
 *
 * <p>{@link #sendFetches} and {@link #collect} are for the application thread only; responses
 * arrive on the network thread through thread-safe queues.
 */
public final class Fetcher<K, V> {
    private static final Logger LOG = LoggerFactory.getLogger(Fetcher.class);
    /** Fetch v13 replaced topic names with topic ids. */
    private static final int FIRST_TOPIC_ID_VERSION = 13;

    /** A Fetch response (or failure) with what was asked. */
    private record Completed(Node node, Map<TopicPartition, Long> fetchOffsets, Map<Uuid, String> topicNames,
                             FetchResponse response, Throwable error, long latencyMs) {
    }

    private final NetworkClient network;
    private final ClusterMetadata metadata;
    private final SubscriptionState subscriptions;
    private final FetchSettings settings;
    private final Deserializer<K> keyDeserializer;
    private final Deserializer<V> valueDeserializer;
    private final ConsumerMetrics metrics;
    private final WakeupTrigger trigger;
    private final Set<Integer> nodesWithFetchInFlight = ConcurrentHashMap.newKeySet();
    private final Queue<Completed> completed = new ConcurrentLinkedQueue<>();
    private final Deque<PartitionRecords<K, V>> buffered = new ArrayDeque<>();

    public Fetcher(NetworkClient network, ClusterMetadata metadata, SubscriptionState subscriptions, FetchSettings settings,
                   Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer, ConsumerMetrics metrics,
                   WakeupTrigger trigger) {
        this.network = network;
        this.metadata = metadata;
        this.subscriptions = subscriptions;
        this.settings = settings;
        this.keyDeserializer = keyDeserializer;
        this.valueDeserializer = valueDeserializer;
        this.metrics = metrics;
        this.trigger = trigger;
    }

    /** Sends a Fetch to each leader of fetchable partitions that has none in flight; returns how many were sent. */
    public int sendFetches() {
        MetadataSnapshot snapshot = metadata.snapshot();
        Map<Node, Map<TopicPartition, Long>> byNode = new LinkedHashMap<>();
        Set<TopicPartition> bufferedPartitions = bufferedPartitions();
        for (TopicPartition tp : subscriptions.assignedPartitions()) {
            if (!subscriptions.isFetchable(tp) || bufferedPartitions.contains(tp)) {
                continue;
            }
            Optional<Node> leader = snapshot.leader(tp);
            if (leader.isEmpty()) {
                metadata.requestUpdate();
                continue;
            }
            if (nodesWithFetchInFlight.contains(leader.get().id())) {
                continue;
            }
            byNode.computeIfAbsent(leader.get(), n -> new LinkedHashMap<>()).put(tp, subscriptions.state(tp).position());
        }
        byNode.forEach((node, offsets) -> send(node, offsets, snapshot));
        return byNode.size();
    }

    private void send(Node node, Map<TopicPartition, Long> offsets, MetadataSnapshot snapshot) {
        Map<String, Uuid> ids = snapshot.topicIds();
        boolean allIds = offsets.keySet().stream().allMatch(tp -> ids.containsKey(tp.topic()));
        Map<Uuid, String> names = new HashMap<>();
        Map<String, List<FetchRequest.FetchPartition>> byTopic = new LinkedHashMap<>();
        offsets.forEach((tp, offset) -> {
            Optional<Integer> epoch = snapshot.leaderEpoch(tp);
            byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(new FetchRequest.FetchPartition()
                .setPartition(tp.partition())
                .setFetchOffset(offset)
                .setCurrentLeaderEpoch(epoch.orElse(-1))
                .setLogStartOffset(-1)
                .setPartitionMaxBytes(settings.maxPartitionBytes()));
            if (allIds) {
                names.put(ids.get(tp.topic()), tp.topic());
            }
        });
        int maxVersion = allIds ? NodeApiVersions.clientMaxVersion(ApiMessageType.FETCH) : FIRST_TOPIC_ID_VERSION - 1;
        ClientRequest request = ClientRequest.build(ApiMessageType.FETCH, 4, maxVersion, version -> {
            List<FetchRequest.FetchTopic> topics = new ArrayList<>();
            byTopic.forEach((topic, partitions) -> {
                FetchRequest.FetchTopic entry = new FetchRequest.FetchTopic().setPartitions(partitions);
                if (version >= FIRST_TOPIC_ID_VERSION) {
                    entry.setTopicId(ids.get(topic));
                } else {
                    entry.setTopic(topic);
                }
                topics.add(entry);
            });
            return new FetchRequest()
                .setReplicaId(-1)
                .setMaxWaitMs(settings.maxWaitMs())
                .setMinBytes(settings.minBytes())
                .setMaxBytes(settings.maxBytes())
                .setIsolationLevel((byte) (settings.readCommitted() ? 1 : 0))
                .setSessionId(0)
                .setSessionEpoch(-1)
                .setTopics(topics);
        });
        nodesWithFetchInFlight.add(node.id());
        long sentMs = network.time().milliseconds();
        network.send(node, request, settings.requestTimeoutMs() + settings.maxWaitMs())
            .whenComplete((response, error) -> {
                long latencyMs = network.time().milliseconds() - sentMs;
                completed.add(new Completed(node, offsets, names, (FetchResponse) response, error, latencyMs));
                nodesWithFetchInFlight.remove(node.id());
                trigger.signal();
            });
    }

    /** Whether decoded or undecoded fetched data is waiting. */
    public boolean hasAvailableFetches() {
        return !completed.isEmpty() || buffered.stream().anyMatch(p -> !p.isExhausted());
    }

    /**
     * Hands out up to max.poll.records fetched records, in partition order, advancing positions.
     *
     * @throws OffsetOutOfRangeException for an out-of-range position when auto.offset.reset is none
     */
    public Map<TopicPartition, List<ConsumerRecord<K, V>>> collect() {
        Completed next;
        while ((next = completed.poll()) != null) {
            parse(next);
        }
        Map<TopicPartition, List<ConsumerRecord<K, V>>> result = new LinkedHashMap<>();
        int remaining = settings.maxPollRecords();
        while (remaining > 0 && !buffered.isEmpty()) {
            PartitionRecords<K, V> head = buffered.peekFirst();
            TopicPartition tp = head.partition();
            if (!subscriptions.isFetchable(tp) || subscriptions.state(tp).position() != head.nextOffset()) {
                // revoked, paused, or sought elsewhere since the fetch: its data is stale
                head.close();
                buffered.pollFirst();
                continue;
            }
            List<ConsumerRecord<K, V>> records = result.computeIfAbsent(tp, p -> new ArrayList<>());
            int taken = head.drain(remaining, keyDeserializer, valueDeserializer, records);
            remaining -= taken;
            subscriptions.advance(tp, head.nextOffset(), head.lastEpoch());
            if (records.isEmpty()) {
                result.remove(tp);
            }
            if (head.isExhausted()) {
                buffered.pollFirst();
            }
        }
        int count = settings.maxPollRecords() - remaining;
        if (count > 0) {
            metrics.recordsConsumed(count);
        }
        result.keySet().forEach(tp -> metrics.recordLag(tp, subscriptions.lag(tp)));
        return result;
    }

    private Set<TopicPartition> bufferedPartitions() {
        Set<TopicPartition> result = new java.util.HashSet<>();
        for (PartitionRecords<K, V> p : buffered) {
            if (!p.isExhausted()) {
                result.add(p.partition());
            }
        }
        return result;
    }

    private void parse(Completed done) {
        if (done.error() != null) {
            LOG.debug("fetch from node {} failed: {}", done.node().id(), WakeupTrigger.unwrap(done.error()).toString());
            metadata.requestUpdate();
            return;
        }
        metrics.fetchLatency(done.latencyMs());
        FetchResponse response = done.response();
        ErrorCode topError = ErrorCode.forCode(response.errorCode());
        if (topError != ErrorCode.NONE) {
            LOG.debug("fetch from node {} failed: {}", done.node().id(), topError);
            metadata.onError(topError);
            return;
        }
        for (FetchResponse.FetchableTopicResponse topic : response.responses()) {
            String name = topic.topic() == null || topic.topic().isEmpty() ? done.topicNames().get(topic.topicId()) : topic.topic();
            if (name == null) {
                continue;
            }
            for (FetchResponse.PartitionData data : topic.partitions()) {
                TopicPartition tp = new TopicPartition(name, data.partitionIndex());
                Long fetchOffset = done.fetchOffsets().get(tp);
                if (fetchOffset == null || !subscriptions.isAssigned(tp)
                    || !fetchOffset.equals(subscriptions.state(tp).position())) {
                    continue;
                }
                handlePartition(tp, fetchOffset, data);
            }
        }
    }

    private void handlePartition(TopicPartition tp, long fetchOffset, FetchResponse.PartitionData data) {
        ErrorCode error = ErrorCode.forCode(data.errorCode());
        switch (error) {
            case NONE -> {
                subscriptions.updateHighWatermark(tp, data.highWatermark());
                if (data.records() instanceof MemoryRecords records && records.sizeInBytes() > 0) {
                    buffered.addLast(new PartitionRecords<>(tp, fetchOffset, records, settings.checkCrcs(),
                        settings.readCommitted(), data.abortedTransactions()));
                }
            }
            case OFFSET_OUT_OF_RANGE -> {
                OffsetResetStrategy strategy = subscriptions.defaultResetStrategy();
                if (strategy == OffsetResetStrategy.NONE) {
                    throw new OffsetOutOfRangeException("Fetch position " + fetchOffset + " is out of range for partition " + tp,
                        Map.of(tp, fetchOffset));
                }
                LOG.info("fetch offset {} out of range for {}; resetting to {}", fetchOffset, tp, strategy);
                subscriptions.requestReset(tp, strategy);
            }
            case TOPIC_AUTHORIZATION_FAILED -> throw new TopicAuthorizationException("Not authorized to read " + tp.topic());
            case NOT_LEADER_OR_FOLLOWER, UNKNOWN_TOPIC_OR_PARTITION, UNKNOWN_TOPIC_ID, FENCED_LEADER_EPOCH,
                 UNKNOWN_LEADER_EPOCH, KAFKA_STORAGE_ERROR, REPLICA_NOT_AVAILABLE, LEADER_NOT_AVAILABLE,
                 INCONSISTENT_TOPIC_ID, OFFSET_NOT_AVAILABLE -> {
                LOG.debug("fetch of {} answered {}; refreshing metadata", tp, error);
                metadata.requestUpdate();
            }
            default -> LOG.warn("fetch of {} failed: {}", tp, Errors.toException(error, "fetch failed").toString());
        }
    }

    /** Drops buffered data (on close or when the assignment changes wholesale). */
    public void clearBuffered() {
        buffered.forEach(PartitionRecords::close);
        buffered.clear();
        completed.clear();
    }
}
