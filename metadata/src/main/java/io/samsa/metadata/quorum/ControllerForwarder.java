package io.samsa.metadata.quorum;

import io.samsa.metadata.rpc.ControllerRpc;
import io.samsa.metadata.rpc.proto.ControllerResponse;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.util.Time;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.TimeDuration;

/**
 * Sends a {@link ControllerRpc} from any node to the active controller: a Ratis read-only request
 * (unordered: the ordered client's sliding window closes for good after one request exhausts its
 * retries, so a node that started before any leader existed could never forward again),
 * which Ratis routes to the leader, whose state machine runs it through its controller and answers
 * once the records are committed ({@link MetadataStateMachine#query}). NOT_CONTROLLER answers (a
 * leader not yet active, or one just deposed) and transport failures (the leader stopped) are sent
 * again after {@code controller.quorum.retry.backoff.ms} until the caller's deadline; other errors
 * (REQUEST_TIMED_OUT: outcome unknown) fail the call. Nothing blocks: retries are scheduled.
 *
 * <p>A retry after a lost connection may run an operation a second time if the first attempt did
 * commit (as with Kafka's forwarding); the second then answers as the controller sees it
 * (for example TOPIC_ALREADY_EXISTS). Thread-safe.
 */
final class ControllerForwarder implements AutoCloseable {
    private final RaftClient client;
    private final ScheduledExecutorService retries;
    private final Time time;
    private final long backoffMs;
    private volatile boolean closed;

    ControllerForwarder(QuorumConfig config, RaftGroup group, Time time) {
        RaftProperties props = RatisProperties.of(config, config.isVoter() ? config.self().port() : 0);
        RaftClientConfigKeys.Rpc.setRequestTimeout(props, TimeDuration.valueOf(
                config.requestTimeoutMs() + config.electionTimeoutMs(), TimeUnit.MILLISECONDS));
        this.client = RaftClient.newBuilder()
                .setProperties(props)
                .setRaftGroup(group)
                .setClientId(ClientId.randomId())
                .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(3,
                        TimeDuration.valueOf(config.retryBackoffMs(), TimeUnit.MILLISECONDS)))
                .build();
        this.retries = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "samsa-controller-forwarder-" + config.nodeId());
            thread.setDaemon(true);
            return thread;
        });
        this.time = time;
        this.backoffMs = config.retryBackoffMs();
    }

    /** @return the response, or a {@link MetadataQuorumException} failure; never later than about the deadline */
    <T> CompletableFuture<T> send(ControllerRpc<T> rpc, long timeoutMs) {
        CompletableFuture<T> result = new CompletableFuture<>();
        attempt(rpc, time.milliseconds() + timeoutMs, result);
        return result;
    }

    private <T> void attempt(ControllerRpc<T> rpc, long deadlineMs, CompletableFuture<T> result) {
        if (closed) {
            result.completeExceptionally(new MetadataQuorumException(ErrorCode.NOT_CONTROLLER,
                    "the metadata quorum client is closed", -1));
            return;
        }
        CompletableFuture<RaftClientReply> reply;
        try {
            reply = client.async().sendReadOnlyUnordered(Message.valueOf(UnsafeByteOperations.unsafeWrap(
                    rpc.request().toByteArray())));
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        reply.whenComplete((r, error) -> {
            MetadataQuorumException failure;
            if (error == null && r.isSuccess()) {
                ControllerResponse response;
                try {
                    response = ControllerResponse.parseFrom(r.getMessage().getContent().toByteArray());
                } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                    result.completeExceptionally(new MetadataQuorumException(ErrorCode.UNKNOWN_SERVER_ERROR,
                            "unreadable controller response: " + e.getMessage(), -1));
                    return;
                }
                if (!response.hasQuorumError()) {
                    try {
                        result.complete(rpc.decode(response));
                    } catch (RuntimeException e) {
                        result.completeExceptionally(e);
                    }
                    return;
                }
                failure = new MetadataQuorumException(ErrorCode.forCode((short) response.getQuorumError().getCode()),
                        response.getQuorumError().getMessage(), response.getLeaderId());
                if (failure.error().error() != ErrorCode.NOT_CONTROLLER) {
                    result.completeExceptionally(failure);
                    return;
                }
            } else {
                Throwable cause = error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error != null ? error : r.getException();
                failure = new MetadataQuorumException(ErrorCode.NOT_CONTROLLER,
                        "no active controller reached: " + cause, -1);
            }
            retryOrFail(rpc, deadlineMs, result, failure);
        });
    }

    private <T> void retryOrFail(ControllerRpc<T> rpc, long deadlineMs, CompletableFuture<T> result,
                                 MetadataQuorumException failure) {
        if (closed || time.milliseconds() + backoffMs >= deadlineMs) {
            result.completeExceptionally(failure);
            return;
        }
        try {
            retries.schedule(() -> attempt(rpc, deadlineMs, result), backoffMs, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            result.completeExceptionally(failure);
        }
    }

    @Override
    public void close() {
        closed = true;
        retries.shutdownNow();
        try {
            client.close();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
