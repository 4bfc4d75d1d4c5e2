package io.samsa.coordinator.transaction;

import java.util.Objects;

/**
 * One record of {@code __transaction_state}: a transactional id and its whole metadata, or a
 * tombstone (null metadata) once the id expired. Kafka writes the full state on every change, so
 * the newest record of a key is the truth and compaction keeps only it. Immutable; thread-safe.
 *
 * @param transactionalId the key
 * @param metadata        the value, or null for a tombstone
 */
public record TransactionRecord(String transactionalId, TransactionMetadata metadata) {
    public TransactionRecord {
        Objects.requireNonNull(transactionalId, "transactionalId");
        if (metadata != null && !metadata.transactionalId().equals(transactionalId)) {
            throw new IllegalArgumentException("record key " + transactionalId + " holds " + metadata.transactionalId());
        }
    }

    /** @return the record that stores {@code metadata} */
    public static TransactionRecord of(TransactionMetadata metadata) {
        return new TransactionRecord(metadata.transactionalId(), metadata);
    }

    /** @return the tombstone that deletes {@code transactionalId} */
    public static TransactionRecord tombstone(String transactionalId) {
        return new TransactionRecord(transactionalId, null);
    }
}
