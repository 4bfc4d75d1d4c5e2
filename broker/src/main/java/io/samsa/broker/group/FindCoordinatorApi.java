package io.samsa.broker.group;

import io.samsa.broker.api.RequestContext;
import io.samsa.coordinator.GroupCoordinatorService;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.FindCoordinatorRequest;
import io.samsa.protocol.message.FindCoordinatorResponse;
import io.samsa.protocol.message.FindCoordinatorResponse.Coordinator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * FindCoordinator (v0-6). A group key is answered with the node its {@link CoordinatorLocator}
 * names for the group's {@code __consumer_offsets} partition: this node on a single node (which
 * leads every partition), the partition's leader in a cluster; COORDINATOR_NOT_AVAILABLE (so the
 * client retries) while there is none. Transaction keys (type 1) are answered the same way for
 * the transactional id's {@code __transaction_state} partition ({@link CoordinatorKeyType}), or
 * COORDINATOR_NOT_AVAILABLE on a broker without a transaction coordinator. An empty key or an
 * unknown key type is INVALID_REQUEST.
 *
 * <p>The one version rule: v0-3 carry one key and the answer in top-level fields, v4+ (KIP-699)
 * a batch of keys each answered in the coordinators array. Thread-safe.
 */
final class FindCoordinatorApi extends GroupApiHandler<FindCoordinatorRequest, FindCoordinatorResponse> {
    static final byte GROUP_KEY_TYPE = 0;
    static final byte TRANSACTION_KEY_TYPE = 1;
    static final short FIRST_BATCHED_VERSION = 4;

    private final CoordinatorLocator locator;
    private final Supplier<CoordinatorKeyType> transactions;

    FindCoordinatorApi(Supplier<GroupCoordinatorService> coordinator, CoordinatorLocator locator) {
        this(coordinator, locator, () -> null);
    }

    /** @param transactions how transactional ids are located, or a supplier of null when this broker has no transaction coordinator */
    FindCoordinatorApi(Supplier<GroupCoordinatorService> coordinator, CoordinatorLocator locator, Supplier<CoordinatorKeyType> transactions) {
        super(ApiKey.FIND_COORDINATOR, coordinator);
        this.locator = locator;
        this.transactions = transactions;
    }

    @Override
    protected CompletableFuture<FindCoordinatorResponse> handle(RequestContext context, FindCoordinatorRequest request) {
        String listener = context.listenerName();
        if (context.apiVersion() >= FIRST_BATCHED_VERSION) {
            List<Coordinator> coordinators = new ArrayList<>(request.coordinatorKeys().size());
            for (String key : request.coordinatorKeys()) {
                coordinators.add(find(request.keyType(), key, listener));
            }
            return CompletableFuture.completedFuture(new FindCoordinatorResponse().setCoordinators(coordinators));
        }
        Coordinator answer = find(request.keyType(), request.key(), listener);
        return CompletableFuture.completedFuture(new FindCoordinatorResponse()
                .setErrorCode(answer.errorCode())
                .setErrorMessage(answer.errorMessage())
                .setNodeId(answer.nodeId())
                .setHost(answer.host())
                .setPort(answer.port()));
    }

    private Coordinator find(byte keyType, String key, String listener) {
        Coordinator answer = new Coordinator().setKey(key);
        if (keyType != GROUP_KEY_TYPE && keyType != TRANSACTION_KEY_TYPE) {
            return failed(answer, ErrorCode.INVALID_REQUEST, "unknown coordinator key type " + keyType);
        }
        if (key == null || key.isEmpty()) {
            return failed(answer, ErrorCode.INVALID_REQUEST, keyType == GROUP_KEY_TYPE ? "empty group id" : "empty transactional id");
        }
        CoordinatorLocator.Location location;
        if (keyType == TRANSACTION_KEY_TYPE) {
            CoordinatorKeyType transactional = transactions.get();
            if (transactional == null) {
                return failed(answer, ErrorCode.COORDINATOR_NOT_AVAILABLE, "this broker has no transaction coordinator");
            }
            location = transactional.locator().locate(transactional.partitionFor().applyAsInt(key), listener);
        } else {
            location = locator.locate(coordinator().partitionFor(key), listener);
        }
        if (location.error() != ErrorCode.NONE) {
            return failed(answer, location.error(), null);
        }
        return answer.setNodeId(location.nodeId()).setHost(location.host()).setPort(location.port());
    }

    /** Kafka answers errors with node -1 and an empty host. */
    private static Coordinator failed(Coordinator answer, ErrorCode error, String message) {
        return answer.setErrorCode(error.code()).setErrorMessage(message == null ? error.message() : message)
                .setNodeId(-1).setHost("").setPort(-1);
    }
}
