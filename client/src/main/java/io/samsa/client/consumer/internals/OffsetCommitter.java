package io.samsa.client.consumer.internals;

import io.samsa.client.common.TopicPartition;
import io.samsa.client.consumer.OffsetAndMetadata;
import io.samsa.client.consumer.OffsetCommitCallback;
import io.samsa.client.errors.CommitFailedException;
import io.samsa.client.errors.Errors;
import io.samsa.client.errors.FencedInstanceIdException;
import io.samsa.client.errors.KafkaException;
import io.samsa.client.errors.RebalanceInProgressException;
import io.samsa.client.errors.RetriableException;
import io.samsa.client.errors.StaleMemberEpochException;
import io.samsa.client.errors.TimeoutException;
import io.samsa.client.internals.network.ClientRequest;
import io.samsa.client.internals.network.NodeApiVersions;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.ApiMessageType;
import io.samsa.protocol.message.OffsetCommitRequest;
import io.samsa.protocol.message.OffsetCommitResponse;
import io.samsa.protocol.message.OffsetFetchRequest;
import io.samsa.protocol.message.OffsetFetchResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits offsets (OffsetCommit, sync with retries until a deadline, or async with callbacks run in
 * order on the application thread) and reads committed offsets (OffsetFetch, requireStable). Group
 * members commit with their Stable generation; a member without one gets CommitFailedException
 * (or RebalanceInProgressException while a rebalance runs), as Kafka's consumer does.
 *
 * <p>Sync calls and callbacks run on the application thread; responses are parsed on the network thread.
 */
public final class OffsetCommitter {
    private static final Logger LOG = LoggerFactory.getLogger(OffsetCommitter.class);
    /** v10 moved to topic ids. */
    private static final int MAX_COMMIT_VERSION = 9;
    private static final int MAX_OFFSET_FETCH_VERSION = 9;

    private final GroupCoordinatorLink link;
    private final CommitMembership membership;
    private final SubscriptionState subscriptions;
    private final GroupSettings settings;
    private final ConsumerMetrics metrics;
    private final WakeupTrigger trigger;
    private final long requestTimeoutMs;
    private final Queue<Runnable> completedCallbacks = new ConcurrentLinkedQueue<>();
    private CompletableFuture<Void> lastAsyncCommit = CompletableFuture.completedFuture(null);
    /**
     * An OffsetFetch a call gave up waiting for, reused by the next call for the same partitions (as
     * kafka-clients does) instead of a new request: otherwise a broker slower than the poll timeout
     * (Kafka parks require_stable fetches behind the group's pending writes) is never waited out.
     */
    private CompletableFuture<Map<TopicPartition, OffsetAndMetadata>> pendingFetch;
    private Set<TopicPartition> pendingFetchPartitions = Set.of();

    public OffsetCommitter(GroupCoordinatorLink link, CommitMembership membership, SubscriptionState subscriptions,
                           GroupSettings settings, ConsumerMetrics metrics, WakeupTrigger trigger, long requestTimeoutMs) {
        this.link = link;
        this.membership = membership;
        this.subscriptions = subscriptions;
        this.settings = settings;
        this.metrics = metrics;
        this.trigger = trigger;
        this.requestTimeoutMs = requestTimeoutMs;
    }

    /** Runs the callbacks of finished async commits, in completion order. */
    public void invokeCompletedCallbacks() {
        Runnable callback;
        while ((callback = completedCallbacks.poll()) != null) {
            callback.run();
        }
    }

    /** Commits and waits, retrying retriable errors until {@code deadlineMs}. */
    public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, long deadlineMs) {
        invokeCompletedCallbacks();
        if (offsets.isEmpty()) {
            awaitAsyncCommits(deadlineMs);
            return;
        }
        while (true) {
            if (!link.ensureReady(deadlineMs, trigger)) {
                throw new TimeoutException("Timeout expired before successfully committing offsets " + offsets);
            }
            CompletableFuture<Void> future = send(offsets);
            if (!trigger.await(future, deadlineMs - link.time().milliseconds())) {
                throw new TimeoutException("Timeout expired before successfully committing offsets " + offsets);
            }
            try {
                WakeupTrigger.valueOf(future);
                awaitAsyncCommits(deadlineMs);
                return;
            } catch (StaleMemberEpochException e) {
                // KIP-848: the epoch moved on between sending and answering; retry with the latest one while in the group
                if (membership.generationIfStable() == null || link.time().milliseconds() >= deadlineMs) {
                    throw commitFailed();
                }
                trigger.await(null, Math.min(settings.retryBackoffMs(), deadlineMs - link.time().milliseconds()));
            } catch (RetriableException e) {
                long nowMs = link.time().milliseconds();
                if (nowMs >= deadlineMs) {
                    throw new TimeoutException("Timeout expired before successfully committing offsets " + offsets
                        + "; last error: " + e);
                }
                trigger.await(null, Math.min(settings.retryBackoffMs(), deadlineMs - nowMs));
            }
        }
    }

    private void awaitAsyncCommits(long deadlineMs) {
        trigger.await(lastAsyncCommit, Math.max(0, deadlineMs - link.time().milliseconds()));
        invokeCompletedCallbacks();
    }

    /** Commits without waiting; the callback runs on the application thread in a later call. */
    public void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
        invokeCompletedCallbacks();
        Map<TopicPartition, OffsetAndMetadata> copy = Map.copyOf(offsets);
        CompletableFuture<Void> future;
        if (copy.isEmpty()) {
            future = CompletableFuture.completedFuture(null);
        } else if (link.coordinator() != null) {
            future = send(copy);
        } else {
            // find the coordinator without blocking, after the commits already queued
            CompletableFuture<Void> previous = lastAsyncCommit;
            future = previous.thenCompose(v -> link.findAsync(link.time().milliseconds() + requestTimeoutMs)).thenCompose(node -> send(copy));
        }
        lastAsyncCommit = future.handle((v, e) -> null);
        future.whenComplete((v, e) -> completedCallbacks.add(() -> {
            Exception error = e == null ? null : asException(WakeupTrigger.unwrap(e));
            if (error != null) {
                LOG.debug("async commit of {} failed: {}", copy, error.toString());
            }
            if (callback != null) {
                callback.onComplete(copy, error);
            }
        }));
    }

    private static Exception asException(Throwable t) {
        return t instanceof Exception e ? e : new KafkaException(t);
    }

    private CompletableFuture<Void> send(Map<TopicPartition, OffsetAndMetadata> offsets) {
        GroupMembership.Generation generation = GroupMembership.Generation.NONE;
        if (subscriptions.hasAutoAssignedPartitions()) {
            generation = membership.generationIfStable();
            if (generation == null) {
                return CompletableFuture.failedFuture(membership.rebalanceInProgress()
                    ? new RebalanceInProgressException("Offset commit cannot be completed since the consumer is undergoing a rebalance")
                    : commitFailed());
            }
        }
        Map<String, List<OffsetCommitRequest.OffsetCommitRequestPartition>> byTopic = new LinkedHashMap<>();
        offsets.forEach((tp, om) -> byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>())
            .add(new OffsetCommitRequest.OffsetCommitRequestPartition()
                .setPartitionIndex(tp.partition())
                .setCommittedOffset(om.offset())
                .setCommittedLeaderEpoch(om.leaderEpoch().orElse(-1))
                .setCommittedMetadata(om.metadata())));
        GroupMembership.Generation gen = generation;
        ClientRequest request = ClientRequest.build(ApiMessageType.OFFSET_COMMIT, 2,
            Math.min(MAX_COMMIT_VERSION, NodeApiVersions.clientMaxVersion(ApiMessageType.OFFSET_COMMIT)), version -> {
                List<OffsetCommitRequest.OffsetCommitRequestTopic> topics = new ArrayList<>();
                byTopic.forEach((t, ps) -> topics.add(new OffsetCommitRequest.OffsetCommitRequestTopic().setName(t).setPartitions(ps)));
                OffsetCommitRequest body = new OffsetCommitRequest()
                    .setGroupId(settings.groupId())
                    .setGenerationIdOrMemberEpoch(gen.generationId())
                    .setMemberId(gen.memberId())
                    .setTopics(topics);
                if (version >= 7 && !gen.memberId().isEmpty()) {
                    body.setGroupInstanceId(settings.groupInstanceId().orElse(null));
                }
                return body;
            });
        long startMs = link.time().milliseconds();
        return link.send(request, OffsetCommitResponse.class, requestTimeoutMs).thenApply(response -> {
            metrics.commitLatency(link.time().milliseconds() - startMs);
            for (OffsetCommitResponse.OffsetCommitResponseTopic topic : response.topics()) {
                for (OffsetCommitResponse.OffsetCommitResponsePartition p : topic.partitions()) {
                    ErrorCode error = ErrorCode.forCode(p.errorCode());
                    if (error != ErrorCode.NONE) {
                        throw commitError(error, topic.name() + "-" + p.partitionIndex());
                    }
                }
            }
            return null;
        });
    }

    private KafkaException commitError(ErrorCode error, String partition) {
        switch (error) {
            case COORDINATOR_NOT_AVAILABLE, NOT_COORDINATOR, REQUEST_TIMED_OUT -> {
                link.markUnknown("OffsetCommit: " + error);
                return Errors.toException(error, "OffsetCommit failed for " + partition);
            }
            case UNKNOWN_MEMBER_ID, ILLEGAL_GENERATION -> {
                membership.resetOnError(error);
                return commitFailed();
            }
            case REBALANCE_IN_PROGRESS -> {
                membership.requestRejoin("OffsetCommit answered REBALANCE_IN_PROGRESS");
                return new RebalanceInProgressException("Offset commit cannot be completed since the consumer is undergoing a rebalance");
            }
            case FENCED_INSTANCE_ID -> {
                return new FencedInstanceIdException("group.instance.id was fenced (OffsetCommit)");
            }
            case STALE_MEMBER_EPOCH -> {
                return new StaleMemberEpochException("OffsetCommit for " + partition + " carried a stale member epoch");
            }
            default -> {
                return Errors.toException(error, "OffsetCommit failed for " + partition);
            }
        }
    }

    private static CommitFailedException commitFailed() {
        return new CommitFailedException("Commit cannot be completed since the group has already rebalanced and assigned "
            + "the partitions to another member. This means that the time between subsequent calls to poll() was longer "
            + "than the configured max.poll.interval.ms, which typically implies that the poll loop is spending too much "
            + "time message processing.");
    }

    /**
     * The committed offsets of {@code partitions} (partitions without one are absent), retrying
     * retriable errors until {@code deadlineMs}.
     */
    public Map<TopicPartition, OffsetAndMetadata> fetchCommitted(Set<TopicPartition> partitions, long deadlineMs) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        while (true) {
            if (!link.ensureReady(deadlineMs, trigger)) {
                throw new TimeoutException("Timeout expired while fetching committed offsets for " + partitions);
            }
            CompletableFuture<Map<TopicPartition, OffsetAndMetadata>> future;
            if (pendingFetch != null && pendingFetchPartitions.equals(partitions)) {
                future = pendingFetch;
            } else {
                future = sendOffsetFetch(partitions);
                pendingFetch = future;
                pendingFetchPartitions = Set.copyOf(partitions);
            }
            if (!trigger.await(future, deadlineMs - link.time().milliseconds())) {
                throw new TimeoutException("Timeout expired while fetching committed offsets for " + partitions);
            }
            pendingFetch = null;
            try {
                return WakeupTrigger.valueOf(future);
            } catch (RetriableException | StaleMemberEpochException e) {
                long nowMs = link.time().milliseconds();
                if (nowMs >= deadlineMs) {
                    throw new TimeoutException("Timeout expired while fetching committed offsets for " + partitions + ": " + e);
                }
                trigger.await(null, Math.min(settings.retryBackoffMs(), deadlineMs - nowMs));
            }
        }
    }

    private CompletableFuture<Map<TopicPartition, OffsetAndMetadata>> sendOffsetFetch(Collection<TopicPartition> partitions) {
        Map<String, List<Integer>> byTopic = new LinkedHashMap<>();
        partitions.forEach(tp -> byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(tp.partition()));
        ClientRequest request = ClientRequest.build(ApiMessageType.OFFSET_FETCH, 1,
            Math.min(MAX_OFFSET_FETCH_VERSION, NodeApiVersions.clientMaxVersion(ApiMessageType.OFFSET_FETCH)), version -> {
                OffsetFetchRequest body = new OffsetFetchRequest();
                if (version >= 8) {
                    List<OffsetFetchRequest.OffsetFetchRequestTopics> topics = new ArrayList<>();
                    byTopic.forEach((t, ps) -> topics.add(new OffsetFetchRequest.OffsetFetchRequestTopics().setName(t).setPartitionIndexes(ps)));
                    OffsetFetchRequest.OffsetFetchRequestGroup group = new OffsetFetchRequest.OffsetFetchRequestGroup()
                        .setGroupId(settings.groupId()).setTopics(topics);
                    GroupMembership.Generation member = membership.offsetFetchMember();
                    if (version >= 9 && member != null) {
                        group.setMemberId(member.memberId()).setMemberEpoch(member.generationId());
                    }
                    body.setGroups(new ArrayList<>(List.of(group)));
                } else {
                    List<OffsetFetchRequest.OffsetFetchRequestTopic> topics = new ArrayList<>();
                    byTopic.forEach((t, ps) -> topics.add(new OffsetFetchRequest.OffsetFetchRequestTopic().setName(t).setPartitionIndexes(ps)));
                    body.setGroupId(settings.groupId()).setTopics(topics);
                }
                if (version >= 7) {
                    body.setRequireStable(true);
                }
                return body;
            });
        return link.send(request, OffsetFetchResponse.class, requestTimeoutMs).thenApply(this::parseOffsetFetch);
    }

    private Map<TopicPartition, OffsetAndMetadata> parseOffsetFetch(OffsetFetchResponse response) {
        Map<TopicPartition, OffsetAndMetadata> result = new HashMap<>();
        if (!response.groups().isEmpty()) {
            OffsetFetchResponse.OffsetFetchResponseGroup group = response.groups().get(0);
            checkGroupError(ErrorCode.forCode(group.errorCode()));
            for (OffsetFetchResponse.OffsetFetchResponseTopics topic : group.topics()) {
                for (OffsetFetchResponse.OffsetFetchResponsePartitions p : topic.partitions()) {
                    add(result, new TopicPartition(topic.name(), p.partitionIndex()), ErrorCode.forCode(p.errorCode()),
                        p.committedOffset(), p.committedLeaderEpoch(), p.metadata());
                }
            }
            return result;
        }
        checkGroupError(ErrorCode.forCode(response.errorCode()));
        for (OffsetFetchResponse.OffsetFetchResponseTopic topic : response.topics()) {
            for (OffsetFetchResponse.OffsetFetchResponsePartition p : topic.partitions()) {
                add(result, new TopicPartition(topic.name(), p.partitionIndex()), ErrorCode.forCode(p.errorCode()),
                    p.committedOffset(), p.committedLeaderEpoch(), p.metadata());
            }
        }
        return result;
    }

    private void checkGroupError(ErrorCode error) {
        if (error == ErrorCode.NONE) {
            return;
        }
        if (error == ErrorCode.NOT_COORDINATOR || error == ErrorCode.COORDINATOR_NOT_AVAILABLE) {
            link.markUnknown("OffsetFetch: " + error);
        }
        throw Errors.toException(error, "OffsetFetch failed for group " + settings.groupId());
    }

    private static void add(Map<TopicPartition, OffsetAndMetadata> result, TopicPartition tp, ErrorCode error, long offset,
                            int epoch, String metadata) {
        if (error != ErrorCode.NONE) {
            throw Errors.toException(error, "OffsetFetch failed for " + tp);
        }
        if (offset >= 0) {
            result.put(tp, new OffsetAndMetadata(offset, epoch < 0 ? Optional.empty() : Optional.of(epoch),
                metadata == null ? "" : metadata));
        }
    }
}
