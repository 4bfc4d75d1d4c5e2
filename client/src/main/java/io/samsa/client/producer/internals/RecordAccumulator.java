package io.samsa.client.producer.internals;

import io.samsa.client.common.TopicPartition;
import io.samsa.client.errors.KafkaException;
import io.samsa.client.producer.Callback;
import io.samsa.protocol.record.CompressionType;
import io.samsa.protocol.record.RecordHeader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Buffers records per partition into {@link ProducerBatch}es bounded by batch.size, and tells the
 * sender which partitions have a batch to send: full, lingered for linger.ms, backed off long
 * enough after a failure, or wanted now by a flush or close. Memory for each batch is reserved from
 * the {@link BufferPool} before the batch exists, outside the lock, so a blocked send() never stalls
 * the sender or other partitions' appends.
 *
 * <p>Thread-safe: application threads append, the sender thread drains, re-enqueues and expires;
 * all under this object's monitor, which is never held while waiting for memory.
 */
public final class RecordAccumulator {
    /** The outcome of one append. */
    public record AppendResult(RecordSendFuture future, boolean batchIsFull, boolean newBatchCreated) {
    }

    private final int batchSizeBytes;
    private final CompressionType compression;
    private final long lingerMs;
    private final long retryBackoffMs;
    private final long deliveryTimeoutMs;
    private final BufferPool pool;
    private final Map<TopicPartition, Deque<ProducerBatch>> batches = new HashMap<>();
    private final Set<ProducerBatch> incomplete = new LinkedHashSet<>();
    private int flushesInProgress;
    private boolean closed;

    public RecordAccumulator(int batchSizeBytes, CompressionType compression, long lingerMs, long retryBackoffMs,
                             long deliveryTimeoutMs, BufferPool pool) {
        this.batchSizeBytes = Math.max(1, batchSizeBytes);
        this.compression = compression;
        this.lingerMs = lingerMs;
        this.retryBackoffMs = retryBackoffMs;
        this.deliveryTimeoutMs = deliveryTimeoutMs;
        this.pool = pool;
    }

    /**
     * Appends a record to the partition's last batch, or to a new batch when it does not fit.
     *
     * @param recordBytes the record's {@link ProducerBatch#estimateRecordBytes} estimate
     * @param maxBlockMs  how long to wait for buffer memory
     * @throws io.samsa.client.errors.TimeoutException when no memory freed up within maxBlockMs
     * @throws KafkaException                          when the producer closed meanwhile
     */
    public AppendResult append(TopicPartition partition, long timestampMs, byte[] key, byte[] value, List<RecordHeader> headers,
                               int recordBytes, Callback callback, long maxBlockMs, long nowMs) {
        synchronized (this) {
            AppendResult appended = tryAppendLast(partition, timestampMs, key, value, headers, recordBytes, callback);
            if (appended != null) {
                return appended;
            }
        }
        int reserveBytes = Math.max(batchSizeBytes, ProducerBatch.estimateBatchBytes(recordBytes));
        pool.allocate(reserveBytes, maxBlockMs);
        synchronized (this) {
            if (closed) {
                pool.deallocate(reserveBytes);
            }
            AppendResult appended = tryAppendLast(partition, timestampMs, key, value, headers, recordBytes, callback);
            if (appended != null) {
                pool.deallocate(reserveBytes);
                return appended;
            }
            ProducerBatch batch = new ProducerBatch(partition, compression, batchSizeBytes, reserveBytes, nowMs);
            RecordSendFuture future = batch.tryAppend(timestampMs, key, value, headers, recordBytes, callback);
            batches.computeIfAbsent(partition, p -> new ArrayDeque<>()).addLast(batch);
            incomplete.add(batch);
            return new AppendResult(future, batch.isFull(), true);
        }
    }

    private AppendResult tryAppendLast(TopicPartition partition, long timestampMs, byte[] key, byte[] value,
                                       List<RecordHeader> headers, int recordBytes, Callback callback) {
        if (closed) {
            throw new KafkaException("Producer closed while send in progress");
        }
        Deque<ProducerBatch> deque = batches.get(partition);
        ProducerBatch last = deque == null ? null : deque.peekLast();
        if (last == null || last.isClosed()) {
            return null;
        }
        RecordSendFuture future = last.tryAppend(timestampMs, key, value, headers, recordBytes, callback);
        if (future == null) {
            last.close();
            return null;
        }
        return new AppendResult(future, last.isFull() || deque.size() > 1, false);
    }

    /** Partitions whose first batch may be sent now. */
    public synchronized Set<TopicPartition> readyPartitions(long nowMs) {
        Set<TopicPartition> ready = new LinkedHashSet<>();
        for (Map.Entry<TopicPartition, Deque<ProducerBatch>> entry : batches.entrySet()) {
            ProducerBatch head = entry.getValue().peekFirst();
            if (head != null && sendableAt(head, entry.getValue().size()) - nowMs <= 0) {
                ready.add(entry.getKey());
            }
        }
        return ready;
    }

    /** Milliseconds until some batch becomes sendable ({@code Long.MAX_VALUE} when nothing is queued). */
    public synchronized long nextReadyDelayMs(long nowMs) {
        long delayMs = Long.MAX_VALUE;
        for (Deque<ProducerBatch> deque : batches.values()) {
            ProducerBatch head = deque.peekFirst();
            if (head != null) {
                delayMs = Math.min(delayMs, Math.max(0, sendableAt(head, deque.size()) - nowMs));
            }
        }
        return delayMs;
    }

    private long sendableAt(ProducerBatch head, int queued) {
        if (head.isRetry()) {
            return head.lastAttemptMs() + retryBackoffMs;
        }
        boolean full = queued > 1 || head.isFull();
        return full || closed || flushesInProgress > 0 ? Long.MIN_VALUE / 2 : head.createdMs() + lingerMs;
    }

    /** The partition's first batch, without removing it. */
    public synchronized ProducerBatch peekFirst(TopicPartition partition) {
        Deque<ProducerBatch> deque = batches.get(partition);
        return deque == null ? null : deque.peekFirst();
    }

    /** Removes and closes the partition's first batch, ready to send. */
    public synchronized ProducerBatch pollFirst(TopicPartition partition) {
        Deque<ProducerBatch> deque = batches.get(partition);
        ProducerBatch batch = deque == null ? null : deque.pollFirst();
        if (batch != null) {
            batch.close();
            if (deque.isEmpty()) {
                batches.remove(partition);
            }
        }
        return batch;
    }

    /**
     * Puts a batch back for another attempt. Batches with a sequence go before any batch with a
     * higher or no sequence, so retries leave in their original order.
     */
    public synchronized void reenqueue(ProducerBatch batch) {
        batch.markRetry();
        Deque<ProducerBatch> deque = batches.computeIfAbsent(batch.topicPartition(), p -> new ArrayDeque<>());
        if (!batch.hasSequence()) {
            deque.addFirst(batch);
            return;
        }
        List<ProducerBatch> before = new ArrayList<>();
        while (!deque.isEmpty() && deque.peekFirst().hasSequence() && deque.peekFirst().baseSequence() < batch.baseSequence()) {
            before.add(deque.pollFirst());
        }
        deque.addFirst(batch);
        for (int i = before.size() - 1; i >= 0; i--) {
            deque.addFirst(before.get(i));
        }
    }

    /**
     * Removes and returns queued batches older than delivery.timeout.ms (batches in flight are not
     * queued). Each partition's queue is in creation order — retries go back in sequence order, ahead
     * of younger batches — so the scan stops at each queue's first live batch: the sender calls this
     * on every wake-up, and a full buffer.memory holds thousands of batches.
     */
    public synchronized List<ProducerBatch> expiredBatches(long nowMs) {
        List<ProducerBatch> expired = null;
        Iterator<Map.Entry<TopicPartition, Deque<ProducerBatch>>> entries = batches.entrySet().iterator();
        while (entries.hasNext()) {
            Deque<ProducerBatch> deque = entries.next().getValue();
            while (!deque.isEmpty() && nowMs - deque.peekFirst().createdMs() >= deliveryTimeoutMs) {
                ProducerBatch batch = deque.pollFirst();
                batch.close();
                if (expired == null) {
                    expired = new ArrayList<>();
                }
                expired.add(batch);
            }
            if (deque.isEmpty()) {
                entries.remove();
            }
        }
        return expired == null ? List.of() : expired;
    }

    /** Removes and returns every queued batch (to fail them when closing without waiting). */
    public synchronized List<ProducerBatch> drainAll() {
        List<ProducerBatch> all = new ArrayList<>();
        for (Deque<ProducerBatch> deque : batches.values()) {
            for (ProducerBatch batch : deque) {
                batch.close();
                all.add(batch);
            }
        }
        batches.clear();
        return all;
    }

    /** Called once a batch completed for good: forgets it and gives its memory back. */
    public void deallocate(ProducerBatch batch) {
        synchronized (this) {
            incomplete.remove(batch);
        }
        pool.deallocate(batch.reservedBytes());
    }

    /** Makes every queued batch sendable now until {@link #endFlush}. */
    public synchronized void beginFlush() {
        flushesInProgress++;
    }

    public synchronized void endFlush() {
        flushesInProgress--;
    }

    /** Futures of every batch not completed yet, appended before this call. */
    public synchronized List<CompletableFuture<Void>> incompleteCompletions() {
        List<CompletableFuture<Void>> futures = new ArrayList<>(incomplete.size());
        for (ProducerBatch batch : incomplete) {
            futures.add(batch.completion());
        }
        return futures;
    }

    public synchronized boolean hasIncomplete() {
        return !incomplete.isEmpty();
    }

    public synchronized boolean hasQueued() {
        return !batches.isEmpty();
    }

    /** Stops appends: later appends fail, and every queued batch is sendable at once. */
    public synchronized void close() {
        closed = true;
    }

    public BufferPool pool() {
        return pool;
    }
}
