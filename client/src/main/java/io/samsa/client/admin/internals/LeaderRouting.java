package io.samsa.client.admin.internals;

import io.samsa.client.common.Node;
import io.samsa.client.common.TopicPartition;
import io.samsa.client.errors.Errors;
import io.samsa.client.errors.LeaderNotAvailableException;
import io.samsa.client.internals.metadata.MetadataSnapshot;
import io.samsa.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One attempt of a per-partition operation that must reach each partition's leader (ListOffsets,
 * DeleteRecords): fresh metadata for the topics, partitions grouped by leader, one request per
 * leader, outcomes merged. A partition without a leader, or of an unknown topic, gets an outcome
 * from the metadata (retriable or final) without a request.
 *
 * <p>Stateless; thread-safe.
 */
final class LeaderRouting {
    private LeaderRouting() {
    }

    /**
     * @param send   sends one leader's request for its partitions; returns the outcomes of those partitions
     */
    static <V> CompletableFuture<Map<TopicPartition, Outcome<V>>> attempt(
            AdminContext context, Set<TopicPartition> partitions,
            BiFunction<Node, Set<TopicPartition>, CompletableFuture<Map<TopicPartition, Outcome<V>>>> send) {
        Set<String> topics = new HashSet<>();
        partitions.forEach(tp -> topics.add(tp.topic()));
        return context.metadata().fetch(topics).thenCompose(snapshot -> {
            Map<TopicPartition, Outcome<V>> outcomes = new HashMap<>();
            Map<Node, Set<TopicPartition>> byLeader = group(snapshot, partitions, outcomes);
            List<CompletableFuture<Map<TopicPartition, Outcome<V>>>> sends = new ArrayList<>();
            for (Map.Entry<Node, Set<TopicPartition>> e : byLeader.entrySet()) {
                sends.add(send.apply(e.getKey(), e.getValue()).exceptionally(error -> {
                    Map<TopicPartition, Outcome<V>> failed = new HashMap<>();
                    e.getValue().forEach(tp -> failed.put(tp, Outcome.of(KeyedRetry.unwrap(error))));
                    return failed;
                }));
            }
            return CompletableFuture.allOf(sends.toArray(new CompletableFuture<?>[0])).thenApply(done -> {
                sends.forEach(f -> outcomes.putAll(f.join()));
                return outcomes;
            });
        });
    }

    private static <V> Map<Node, Set<TopicPartition>> group(MetadataSnapshot snapshot, Set<TopicPartition> partitions,
                                                            Map<TopicPartition, Outcome<V>> outcomes) {
        Map<Node, Set<TopicPartition>> byLeader = new HashMap<>();
        for (TopicPartition tp : partitions) {
            ErrorCode topicError = snapshot.topicErrors().get(tp.topic());
            if (topicError == ErrorCode.UNKNOWN_TOPIC_OR_PARTITION || topicError == ErrorCode.TOPIC_AUTHORIZATION_FAILED
                || topicError == ErrorCode.INVALID_TOPIC_EXCEPTION) {
                outcomes.put(tp, Outcome.fail(Errors.toException(topicError, "topic " + tp.topic())));
                continue;
            }
            if (snapshot.cluster().partition(tp) == null && topicError == null) {
                outcomes.put(tp, Outcome.fail(Errors.toException(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, "partition " + tp)));
                continue;
            }
            Node leader = snapshot.leader(tp).orElse(null);
            if (leader == null) {
                outcomes.put(tp, Outcome.retry(new LeaderNotAvailableException("no leader for " + tp)));
                continue;
            }
            byLeader.computeIfAbsent(leader, n -> new HashSet<>()).add(tp);
        }
        return byLeader;
    }

    /** Outcome of a partition-level error code; stale-metadata errors are retried with fresh metadata. */
    static <V> Outcome<V> partitionOutcome(short errorCode, V value, TopicPartition tp) {
        ErrorCode error = ErrorCode.forCode(errorCode);
        return error == ErrorCode.NONE ? Outcome.ok(value) : Outcome.of(Errors.toException(error, "partition " + tp));
    }

    static <T> Map<String, List<T>> byTopic(Set<TopicPartition> partitions, Function<TopicPartition, T> entry) {
        Map<String, List<T>> result = new HashMap<>();
        for (TopicPartition tp : partitions) {
            result.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(entry.apply(tp));
        }
        return result;
    }

}
