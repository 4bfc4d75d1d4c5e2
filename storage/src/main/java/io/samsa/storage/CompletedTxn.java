package io.samsa.storage;

/**
 * A transaction ended by a COMMIT or ABORT marker appended to the log.
 *
 * @param producerId  its producer
 * @param firstOffset its first data offset (the marker's offset when it wrote nothing here)
 * @param lastOffset  the marker's offset
 * @param aborted     whether the marker is ABORT
 */
public record CompletedTxn(long producerId, long firstOffset, long lastOffset, boolean aborted) {
}
