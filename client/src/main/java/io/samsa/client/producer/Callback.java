package io.samsa.client.producer;

/**
 * Called once when a sent record is acknowledged or has failed for good. Runs on the producer's
 * I/O thread, so it must be quick and must not block.
 */
@FunctionalInterface
public interface Callback {
    /**
     * @param metadata  the record's metadata; on failure only topic and partition may be set (offset -1)
     * @param exception null on success, otherwise why the record was not written
     */
    void onCompletion(RecordMetadata metadata, Exception exception);
}
