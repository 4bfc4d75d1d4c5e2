package io.samsa.broker.transaction;

import io.samsa.broker.api.MessageHandler;
import io.samsa.coordinator.transaction.TransactionCoordinatorService;
import io.samsa.protocol.ApiKey;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.types.ApiMessage;
import java.util.function.Supplier;

/**
 * Base of the transaction API handlers: they turn wire messages into the
 * {@link TransactionCoordinatorService}'s calls and back. Its futures never fail, so neither do
 * the handlers'. Requests of one connection reach the coordinator in the order they were sent.
 *
 * <p>Thread-safe.
 *
 * @param <Q> the request class
 * @param <R> the response class
 */
abstract class TransactionApiHandler<Q extends ApiMessage, R extends ApiMessage> extends MessageHandler<Q, R> {
    private final Supplier<TransactionCoordinatorService> coordinator;

    /** @param coordinator the running coordinator; read per request (it exists only once started) */
    TransactionApiHandler(ApiKey api, Supplier<TransactionCoordinatorService> coordinator) {
        super(api);
        this.coordinator = coordinator;
    }

    @Override
    public boolean orderedPerConnection() {
        return true;
    }

    TransactionCoordinatorService coordinator() {
        return coordinator.get();
    }

    /**
     * Kafka's rule for clients too old to know PRODUCER_FENCED (error 90): below
     * {@code firstFencedVersion} of the API they are told INVALID_PRODUCER_EPOCH instead.
     */
    static ErrorCode forVersion(ErrorCode error, short version, short firstFencedVersion) {
        return error == ErrorCode.PRODUCER_FENCED && version < firstFencedVersion ? ErrorCode.INVALID_PRODUCER_EPOCH : error;
    }
}
