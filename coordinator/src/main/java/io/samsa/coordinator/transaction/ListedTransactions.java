package io.samsa.coordinator.transaction;

import io.samsa.protocol.ErrorCode;
import java.util.List;

/**
 * A ListTransactions answer: the transactions of every {@code __transaction_state} partition this
 * broker coordinates, or COORDINATOR_LOAD_IN_PROGRESS while one of them is still loading (Kafka's
 * answer then). Immutable; thread-safe.
 */
public record ListedTransactions(ErrorCode error, List<ListedTransaction> transactions) {
    public ListedTransactions {
        transactions = List.copyOf(transactions);
    }
}
