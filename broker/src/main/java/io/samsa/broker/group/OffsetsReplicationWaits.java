package io.samsa.broker.group;

import io.samsa.broker.replication.PartitionChangeListener;
import io.samsa.broker.replication.ReplicatedPartition;
import io.samsa.coordinator.runtime.CoordinatorException;
import io.samsa.protocol.ErrorCode;
import io.samsa.storage.TopicPartition;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Coordinator appends to replicated partitions of a coordinator topic ({@code __consumer_offsets},
 * {@code __transaction_state}) waiting for the high
 * watermark to pass them (Kafka answers a coordinator write only once it is replicated). Each wait
 * is checked when the partition's high watermark, ISR or role changes (the replica manager's
 * {@link PartitionChangeListener}, on whatever thread made the change), so nothing polls and no
 * thread blocks. A wait whose partition is no longer led here under the epoch of the append fails
 * with NOT_COORDINATOR: the records may be truncated by the new leader.
 *
 * <p>Thread-safe: each partition's queue is guarded by itself; futures complete outside the lock
 * (the runtime only queues an event on completion).
 */
public final class OffsetsReplicationWaits implements PartitionChangeListener {
    private final Map<Integer, ArrayDeque<Wait>> waiting = new ConcurrentHashMap<>();
    private final String topic;

    /** Waits for appends to {@code __consumer_offsets}. */
    OffsetsReplicationWaits() {
        this(OffsetsTopic.NAME);
    }

    /** @param topic the coordinator topic whose appends wait here */
    public OffsetsReplicationWaits(String topic) {
        this.topic = topic;
    }

    /** One append: done once the high watermark reaches {@code requiredOffset} under {@code leaderEpoch}. */
    private record Wait(ReplicatedPartition partition, long requiredOffset, int leaderEpoch, CompletableFuture<Long> future) {
    }

    /**
     * @param requiredOffset the offset after the appended batch
     * @return completes with the batch's last offset once replicated; NOT_COORDINATOR when leadership moved first
     */
    CompletableFuture<Long> await(int index, ReplicatedPartition partition, long requiredOffset, int leaderEpoch) {
        CompletableFuture<Long> future = new CompletableFuture<>();
        ArrayDeque<Wait> queue = waiting.computeIfAbsent(index, i -> new ArrayDeque<>());
        synchronized (queue) {
            queue.addLast(new Wait(partition, requiredOffset, leaderEpoch, future));
        }
        settle(index, queue);
        return future;
    }

    @Override
    public void onChange(TopicPartition partition) {
        if (!topic.equals(partition.topic())) {
            return;
        }
        ArrayDeque<Wait> queue = waiting.get(partition.partition());
        if (queue != null) {
            settle(partition.partition(), queue);
        }
    }

    /** @return how many appends wait (tests) */
    int waitingCount() {
        int count = 0;
        for (ArrayDeque<Wait> queue : waiting.values()) {
            synchronized (queue) {
                count += queue.size();
            }
        }
        return count;
    }

    /** Fails every wait (the broker is stopping). */
    public void failAll() {
        for (Map.Entry<Integer, ArrayDeque<Wait>> entry : waiting.entrySet()) {
            List<Wait> failed;
            synchronized (entry.getValue()) {
                failed = new ArrayList<>(entry.getValue());
                entry.getValue().clear();
            }
            failed.forEach(wait -> wait.future().completeExceptionally(notCoordinator(entry.getKey(), "the broker is stopping")));
        }
    }

    /** Appends are queued in offset order, so the replicated ones are a prefix of the queue. */
    private void settle(int index, ArrayDeque<Wait> queue) {
        List<Wait> done = new ArrayList<>();
        List<Wait> failed = new ArrayList<>();
        synchronized (queue) {
            while (!queue.isEmpty()) {
                Wait head = queue.peekFirst();
                ReplicatedPartition partition = head.partition();
                if (!partition.isLeader() || partition.leaderEpoch() != head.leaderEpoch()) {
                    failed.addAll(queue);
                    queue.clear();
                } else if (partition.highWatermark() >= head.requiredOffset()) {
                    done.add(queue.pollFirst());
                } else {
                    break;
                }
            }
        }
        done.forEach(wait -> wait.future().complete(wait.requiredOffset() - 1));
        failed.forEach(wait -> wait.future().completeExceptionally(notCoordinator(index,
                "leadership moved before the write was replicated")));
    }

    private CoordinatorException notCoordinator(int index, String why) {
        return new CoordinatorException(ErrorCode.NOT_COORDINATOR, topic + "-" + index + ": " + why);
    }
}
