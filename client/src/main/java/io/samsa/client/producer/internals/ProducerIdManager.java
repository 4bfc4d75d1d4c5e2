package io.samsa.client.producer.internals;

import io.samsa.client.common.Node;
import io.samsa.client.errors.Errors;
import io.samsa.client.errors.RetriableException;
import io.samsa.client.internals.metadata.ClusterMetadata;
import io.samsa.client.internals.network.ClientRequest;
import io.samsa.client.internals.network.NetworkClient;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.ApiMessageType;
import io.samsa.protocol.message.InitProducerIdRequest;
import io.samsa.protocol.message.InitProducerIdResponse;
import io.samsa.protocol.record.RecordBatch;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets the idempotent producer its id and epoch with InitProducerId (any broker answers for a
 * producer without transactional.id), and bumps the epoch when {@link IdempotenceState} asks: v3+
 * sends the current id and epoch so the broker bumps it; older brokers simply hand out a new id.
 * A bump waits until no Produce request is in flight, so no old-epoch batch is still unanswered.
 *
 * <p>Not thread-safe: called on the sender thread; answers are handed back through {@code onSenderThread}.
 */
final class ProducerIdManager {
    private static final Logger LOG = LoggerFactory.getLogger(ProducerIdManager.class);
    /** Bumping needs producer id and epoch in the request (v3+). */
    private static final int FIRST_VERSION_WITH_EPOCH = 3;
    private static final short MAX_VERSION = 5;

    private final IdempotenceState state;
    private final ClusterMetadata metadata;
    private final NetworkClient network;
    private final long retryBackoffMs;
    private final Consumer<Runnable> onSenderThread;
    private final Consumer<RuntimeException> failQueued;
    private boolean inFlight;
    private long lastAttemptMs = Long.MIN_VALUE / 2;

    ProducerIdManager(IdempotenceState state, ClusterMetadata metadata, NetworkClient network, long retryBackoffMs,
                      Consumer<Runnable> onSenderThread, Consumer<RuntimeException> failQueued) {
        this.state = state;
        this.metadata = metadata;
        this.network = network;
        this.retryBackoffMs = retryBackoffMs;
        this.onSenderThread = onSenderThread;
        this.failQueued = failQueued;
    }

    /** Sends InitProducerId when an id or bump is needed, nothing is in flight, and the backoff has passed. */
    void maybeRequest(long nowMs, boolean nothingInFlight) {
        if (!state.needsProducerId() || inFlight || !nothingInFlight || nowMs - lastAttemptMs < retryBackoffMs) {
            return;
        }
        Node node = metadata.leastLoadedNode(nowMs);
        if (node == null) {
            return;
        }
        inFlight = true;
        lastAttemptMs = nowMs;
        long currentId = state.producerId();
        short currentEpoch = state.producerEpoch();
        ClientRequest request = ClientRequest.build(ApiMessageType.INIT_PRODUCER_ID, 0, MAX_VERSION, version -> {
            boolean bump = version >= FIRST_VERSION_WITH_EPOCH && currentId != RecordBatch.NO_PRODUCER_ID;
            return new InitProducerIdRequest()
                .setTransactionalId(null)
                .setTransactionTimeoutMs(Integer.MAX_VALUE)
                .setProducerId(bump ? currentId : RecordBatch.NO_PRODUCER_ID)
                .setProducerEpoch(bump ? currentEpoch : RecordBatch.NO_PRODUCER_EPOCH);
        });
        network.send(node, request, InitProducerIdResponse.class)
            .whenComplete((response, error) -> onSenderThread.accept(() -> onResponse(response, error)));
    }

    private void onResponse(InitProducerIdResponse response, Throwable error) {
        inFlight = false;
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            LOG.debug("InitProducerId failed, will retry: {}", cause.toString());
            return;
        }
        ErrorCode code = ErrorCode.forCode(response.errorCode());
        if (code == ErrorCode.NONE) {
            LOG.info("Producer id {} epoch {}", response.producerId(), response.producerEpoch());
            state.setProducerIdAndEpoch(response.producerId(), response.producerEpoch());
            return;
        }
        RuntimeException exception = Errors.toException(code);
        metadata.onError(code);
        if (exception instanceof RetriableException) {
            LOG.debug("InitProducerId answered {}, will retry", code);
        } else {
            LOG.error("InitProducerId failed: {}", code);
            failQueued.accept(exception);
        }
    }
}
