package io.samsa.coordinator.transaction;

/**
 * One entry of a ListTransactions answer. Immutable; thread-safe.
 *
 * @param state the state's Kafka name, e.g. {@code "Ongoing"}
 */
public record ListedTransaction(String transactionalId, long producerId, String state) {
}
