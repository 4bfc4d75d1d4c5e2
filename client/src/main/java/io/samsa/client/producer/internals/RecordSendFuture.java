package io.samsa.client.producer.internals;

import io.samsa.client.producer.Callback;
import io.samsa.client.producer.RecordMetadata;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The future {@code send()} returns for one record: a small view of its {@link ProducerBatch}'s
 * outcome (one completion per batch, not one per record) plus what only this record knows — its
 * index in the batch, timestamp, sizes and callback. {@link RecordMetadata} is built when asked.
 *
 * <p>Thread-safe: the fields are final, and the batch publishes its outcome before completing the
 * completion future every reader waits on.
 */
public final class RecordSendFuture implements Future<RecordMetadata> {
    private final ProducerBatch batch;
    private final int batchIndex;
    private final long timestampMs;
    private final int keySizeBytes;
    private final int valueSizeBytes;
    private final Callback callback;

    RecordSendFuture(ProducerBatch batch, int batchIndex, long timestampMs, int keySizeBytes, int valueSizeBytes,
                     Callback callback) {
        this.batch = batch;
        this.batchIndex = batchIndex;
        this.timestampMs = timestampMs;
        this.keySizeBytes = keySizeBytes;
        this.valueSizeBytes = valueSizeBytes;
        this.callback = callback;
    }

    /** The user's callback, or null. */
    Callback callback() {
        return callback;
    }

    /** The metadata of this record once its batch completed: offsets and timestamp on success, -1s on failure. */
    RecordMetadata metadata() {
        if (batch.error() != null) {
            return new RecordMetadata(batch.topicPartition(), -1, batchIndex, -1, -1, -1);
        }
        long logAppendTimeMs = batch.logAppendTimeMs();
        return new RecordMetadata(batch.topicPartition(), batch.baseOffset(), batchIndex,
            logAppendTimeMs == -1 ? timestampMs : logAppendTimeMs, keySizeBytes, valueSizeBytes);
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return false;
    }

    @Override
    public boolean isCancelled() {
        return false;
    }

    @Override
    public boolean isDone() {
        return batch.completion().isDone();
    }

    @Override
    public RecordMetadata get() throws InterruptedException, ExecutionException {
        batch.completion().get();
        return valueOrFailure();
    }

    @Override
    public RecordMetadata get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        try {
            batch.completion().get(timeout, unit);
        } catch (TimeoutException e) {
            throw new TimeoutException("Timeout after waiting for " + unit.toMillis(timeout) + " ms.");
        }
        return valueOrFailure();
    }

    private RecordMetadata valueOrFailure() throws ExecutionException {
        RuntimeException error = batch.error();
        if (error != null) {
            throw new ExecutionException(error);
        }
        return metadata();
    }
}
