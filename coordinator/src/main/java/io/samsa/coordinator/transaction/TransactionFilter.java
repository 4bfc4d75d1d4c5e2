package io.samsa.coordinator.transaction;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * What ListTransactions asks for; an empty set matches everything. Immutable; thread-safe.
 *
 * @param states      the states to list (already known states only)
 * @param producerIds the producer ids to list
 * @param minDurationMs list only transactions that started more than this long ago, ms; -1 for any
 * @param idPattern   a regular expression the whole transactional id must match, or null
 */
public record TransactionFilter(Set<TransactionState> states, Set<Long> producerIds, long minDurationMs, Pattern idPattern) {
    public TransactionFilter {
        states = Set.copyOf(states);
        producerIds = Set.copyOf(producerIds);
    }

    /** @return whether {@code metadata} passes every filter at {@code nowMs}; a Dead id never does, as in Kafka */
    public boolean matches(TransactionMetadata metadata, long nowMs) {
        if (metadata.state() == TransactionState.DEAD) {
            return false;
        }
        if (!states.isEmpty() && !states.contains(metadata.state())) {
            return false;
        }
        if (!producerIds.isEmpty() && !producerIds.contains(metadata.producerId())) {
            return false;
        }
        if (minDurationMs >= 0 && nowMs - metadata.txnStartTimestampMs() <= minDurationMs) {
            return false;
        }
        return idPattern == null || idPattern.matcher(metadata.transactionalId()).matches();
    }
}
