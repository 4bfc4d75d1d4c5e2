package io.samsa.client.consumer.internals;

import io.samsa.client.common.Node;
import io.samsa.client.common.TopicPartition;
import io.samsa.client.errors.Errors;
import io.samsa.client.errors.KafkaException;
import io.samsa.client.errors.LeaderNotAvailableException;
import io.samsa.client.errors.RetriableException;
import io.samsa.client.internals.metadata.ClusterMetadata;
import io.samsa.client.internals.metadata.MetadataSnapshot;
import io.samsa.client.internals.network.ClientRequest;
import io.samsa.client.internals.network.NetworkClient;
import io.samsa.client.internals.network.NodeApiVersions;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.ApiMessageType;
import io.samsa.protocol.message.ListOffsetsRequest;
import io.samsa.protocol.message.ListOffsetsResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * ListOffsets for the consumer: offsets by timestamp (or the EARLIEST/LATEST sentinels), one request
 * per partition leader. One round: partitions that failed with a retriable error are reported in
 * {@link Result#retriable}, for the caller to retry within its deadline after a metadata refresh.
 *
 * <p>Thread-safe (stateless apart from its collaborators).
 */
public final class ListOffsetsLookup {
    public static final long EARLIEST_TIMESTAMP = -2L;
    public static final long LATEST_TIMESTAMP = -1L;

    /** One partition's answer; offset -1 when no offset matches the timestamp. */
    public record ListedOffset(long offset, long timestamp, Optional<Integer> leaderEpoch) {
    }

    /** One round's answers, the partitions to retry, and a fatal error if one occurred. */
    public record Result(Map<TopicPartition, ListedOffset> offsets, Map<TopicPartition, RetriableException> retriable,
                         KafkaException fatal) {
    }

    private final NetworkClient network;
    private final ClusterMetadata metadata;
    private final boolean readCommitted;

    public ListOffsetsLookup(NetworkClient network, ClusterMetadata metadata, boolean readCommitted) {
        this.network = network;
        this.metadata = metadata;
        this.readCommitted = readCommitted;
    }

    public CompletableFuture<Result> lookup(Map<TopicPartition, Long> timestamps) {
        MetadataSnapshot snapshot = metadata.snapshot();
        Map<TopicPartition, ListedOffset> offsets = new HashMap<>();
        Map<TopicPartition, RetriableException> retriable = new HashMap<>();
        Map<Node, Map<TopicPartition, Long>> byLeader = new LinkedHashMap<>();
        timestamps.forEach((tp, ts) -> {
            Optional<Node> leader = snapshot.leader(tp);
            if (leader.isEmpty()) {
                retriable.put(tp, new LeaderNotAvailableException("no known leader for " + tp));
            } else {
                byLeader.computeIfAbsent(leader.get(), n -> new LinkedHashMap<>()).put(tp, ts);
            }
        });
        if (!retriable.isEmpty()) {
            metadata.requestUpdate();
        }
        List<CompletableFuture<Void>> all = new ArrayList<>();
        KafkaException[] fatal = new KafkaException[1];
        byLeader.forEach((node, partitions) -> all.add(send(node, partitions, snapshot).handle((response, error) -> {
            synchronized (offsets) {
                if (error != null) {
                    Throwable cause = WakeupTrigger.unwrap(error);
                    partitions.keySet().forEach(tp -> retriable.put(tp, cause instanceof RetriableException r ? r
                        : new io.samsa.client.errors.NetworkException(cause.toString())));
                    if (!(cause instanceof RetriableException)) {
                        fatal[0] = WakeupTrigger.asKafkaException(cause);
                    }
                    return null;
                }
                for (ListOffsetsResponse.ListOffsetsTopicResponse topic : response.topics()) {
                    for (ListOffsetsResponse.ListOffsetsPartitionResponse p : topic.partitions()) {
                        TopicPartition tp = new TopicPartition(topic.name(), p.partitionIndex());
                        ErrorCode code = ErrorCode.forCode(p.errorCode());
                        if (code == ErrorCode.NONE) {
                            offsets.put(tp, new ListedOffset(p.offset(), p.timestamp(),
                                p.leaderEpoch() < 0 ? Optional.empty() : Optional.of(p.leaderEpoch())));
                        } else {
                            KafkaException e = Errors.toException(code, "ListOffsets failed for " + tp);
                            if (e instanceof RetriableException r) {
                                retriable.put(tp, r);
                                metadata.onError(code);
                            } else {
                                fatal[0] = e;
                            }
                        }
                    }
                }
                return null;
            }
        })));
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
            .thenApply(v -> {
                synchronized (offsets) {
                    return new Result(Map.copyOf(offsets), Map.copyOf(retriable), fatal[0]);
                }
            });
    }

    private CompletableFuture<ListOffsetsResponse> send(Node node, Map<TopicPartition, Long> partitions, MetadataSnapshot snapshot) {
        Map<String, List<ListOffsetsRequest.ListOffsetsPartition>> byTopic = new LinkedHashMap<>();
        partitions.forEach((tp, ts) -> byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>())
            .add(new ListOffsetsRequest.ListOffsetsPartition()
                .setPartitionIndex(tp.partition())
                .setCurrentLeaderEpoch(snapshot.leaderEpoch(tp).orElse(-1))
                .setTimestamp(ts)));
        List<ListOffsetsRequest.ListOffsetsTopic> topics = new ArrayList<>();
        byTopic.forEach((topic, list) -> topics.add(new ListOffsetsRequest.ListOffsetsTopic().setName(topic).setPartitions(list)));
        ClientRequest request = ClientRequest.build(ApiMessageType.LIST_OFFSETS, 1,
            Math.min(9, NodeApiVersions.clientMaxVersion(ApiMessageType.LIST_OFFSETS)), version -> {
                ListOffsetsRequest body = new ListOffsetsRequest().setReplicaId(-1).setTopics(topics);
                if (version >= 2) {
                    body.setIsolationLevel((byte) (readCommitted ? 1 : 0));
                }
                return body;
            });
        return network.send(node, request, ListOffsetsResponse.class);
    }
}
