package io.samsa.broker.transaction;

import io.samsa.broker.api.RequestContext;
import io.samsa.coordinator.transaction.ListedTransaction;
import io.samsa.coordinator.transaction.TransactionCoordinatorService;
import io.samsa.coordinator.transaction.TransactionFilter;
import io.samsa.coordinator.transaction.TransactionState;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.ListTransactionsRequest;
import io.samsa.protocol.message.ListTransactionsResponse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * ListTransactions (v0-2): the transactions this broker coordinates, filtered by state names,
 * producer ids, minimum duration (v1+, open at least that long) and a transactional-id regular
 * expression (v2+). State names Kafka does not know are returned in unknown_state_filters and
 * match nothing, as in Kafka; an invalid pattern is INVALID_REQUEST. Thread-safe.
 */
final class ListTransactionsApi extends TransactionApiHandler<ListTransactionsRequest, ListTransactionsResponse> {

    ListTransactionsApi(Supplier<TransactionCoordinatorService> coordinator) {
        super(ApiKey.LIST_TRANSACTIONS, coordinator);
    }

    @Override
    protected CompletableFuture<ListTransactionsResponse> handle(RequestContext context, ListTransactionsRequest request) {
        Set<TransactionState> states = EnumSet.noneOf(TransactionState.class);
        List<String> unknown = new ArrayList<>();
        for (String name : request.stateFilters()) {
            TransactionState state = TransactionState.forDisplayName(name);
            if (state == null) {
                unknown.add(name);
            } else {
                states.add(state);
            }
        }
        ListTransactionsResponse response = new ListTransactionsResponse().setUnknownStateFilters(unknown);
        if (!unknown.isEmpty() && states.isEmpty()) {
            return CompletableFuture.completedFuture(response.setErrorCode(ErrorCode.NONE.code()));
        }
        Pattern pattern;
        try {
            String regex = request.transactionalIdPattern();
            pattern = regex == null || regex.isEmpty() ? null : Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            return CompletableFuture.completedFuture(response.setErrorCode(ErrorCode.INVALID_REQUEST.code()));
        }
        TransactionFilter filter = new TransactionFilter(states, new HashSet<>(request.producerIdFilters()), request.durationFilter(),
                pattern);
        return coordinator().list(filter).thenApply(listed -> {
            List<ListTransactionsResponse.TransactionState> found = new ArrayList<>(listed.transactions().size());
            for (ListedTransaction transaction : listed.transactions()) {
                found.add(new ListTransactionsResponse.TransactionState().setTransactionalId(transaction.transactionalId())
                        .setProducerId(transaction.producerId()).setTransactionState(transaction.state()));
            }
            return response.setErrorCode(listed.error().code()).setTransactionStates(found);
        });
    }
}
