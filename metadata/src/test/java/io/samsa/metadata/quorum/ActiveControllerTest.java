package io.samsa.metadata.quorum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.metadata.controller.ControllerConfig;
import io.samsa.metadata.controller.MetadataController;
import io.samsa.metadata.controller.api.ApiError;
import io.samsa.metadata.controller.api.BrokerHeartbeatRequest;
import io.samsa.metadata.controller.api.BrokerHeartbeatResponse;
import io.samsa.metadata.controller.api.RegisterBrokerRequest;
import io.samsa.metadata.controller.api.RegisterBrokerResponse;
import io.samsa.metadata.image.ConfigResource;
import io.samsa.metadata.records.proto.MetadataRecordBatch;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.testing.Await;
import io.samsa.protocol.types.Uuid;
import io.samsa.protocol.util.ManualTime;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The active controller against a hand-driven log: the test decides when each appended batch
 * commits (and in which order), so the cases where a write times out and commits later, or the
 * node loses leadership, are deterministic.
 */
class ActiveControllerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long REQUEST_TIMEOUT_MS = 300;
    private static final int MAX_ENTRY_BYTES = 4096;

    /** A batch waiting in the hand-driven log, with the future its writer waits on. */
    private record Pending(MetadataRecordBatch batch, CompletableFuture<Boolean> committed) {
    }

    private final LinkedBlockingQueue<Pending> log = new LinkedBlockingQueue<>();
    private final MetadataStateMachine stateMachine = new MetadataStateMachine(1, new LeadershipListener() {
        @Override
        public void onLeaderReady(long term) {
        }

        @Override
        public void onNotLeader(int leaderId) {
        }
    }, new ManualTime());
    private final ActiveController controller = new ActiveController(1, "cluster", new MetadataController(
            ControllerConfig.defaults(), Uuid::random), stateMachine::image, batch -> {
                CompletableFuture<Boolean> committed = new CompletableFuture<>();
                log.add(new Pending(batch, committed));
                return committed;
            }, new ManualTime(), REQUEST_TIMEOUT_MS, 60_000, MAX_ENTRY_BYTES, 1_000);
    private long nextIndex = 1;

    @AfterEach
    void close() {
        controller.close();
    }

    /** Commits the next pending batch: applies it and completes its writer with the outcome. */
    private Pending commitNext() throws InterruptedException {
        Pending next = log.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (next == null) {
            throw new AssertionError("no batch was appended");
        }
        byte outcome = stateMachine.apply(ByteBuffer.wrap(next.batch().toByteArray()), nextIndex++);
        next.committed().complete(outcome == MetadataStateMachine.APPLIED);
        return next;
    }

    private CompletableFuture<ApiError> setConfig(String key) {
        return controller.submit((c, image, nowMs) -> c.alterConfigs(image, ConfigResource.topic("t"),
                Map.of(key, Optional.of("v"))));
    }

    private void becomeLeader() throws InterruptedException {
        controller.onLeaderReady(1);
        commitNext(); // the activation batch: the cluster id
        Await.until(WAIT, "the cluster id applied", () -> stateMachine.image().clusterId().isPresent());
    }

    @Test
    void operationsPipelineOnTheSpeculativeImageAndAnswerWhenCommitted() throws Exception {
        becomeLeader();
        CompletableFuture<ApiError> first = setConfig("a");
        CompletableFuture<ApiError> second = setConfig("b");
        Await.until(WAIT, "both batches appended", () -> log.size() == 2);
        Pending a = commitNext();
        Pending b = commitNext();
        assertEquals(a.batch().getBaseVersion() + 1, b.batch().getBaseVersion(), "b was computed on top of a");
        assertEquals(ApiError.NONE, first.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertEquals(ApiError.NONE, second.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertEquals(Map.of("a", "v", "b", "v"), stateMachine.image().configs(ConfigResource.topic("t")));
    }

    @Test
    void aWriteThatTimesOutAndCommitsLateNeverAppliesTwoDivergentStates() throws Exception {
        becomeLeader();
        CompletableFuture<ApiError> slow = setConfig("slow");
        ExecutionException timedOut = assertThrows(ExecutionException.class,
                () -> slow.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertEquals(ErrorCode.REQUEST_TIMED_OUT,
                assertInstanceOf(MetadataQuorumException.class, timedOut.getCause()).error().error());

        CompletableFuture<ApiError> next = setConfig("next"); // computed from the committed image again
        Await.until(WAIT, "both batches appended", () -> log.size() == 2);
        commitNext(); // the timed-out batch commits after all
        commitNext(); // so "next", computed without it, must not apply on top of it
        ExecutionException rejected = assertThrows(ExecutionException.class,
                () -> next.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertEquals(ErrorCode.NOT_CONTROLLER,
                assertInstanceOf(MetadataQuorumException.class, rejected.getCause()).error().error());
        assertEquals(Map.of("slow", "v"), stateMachine.image().configs(ConfigResource.topic("t")));

        CompletableFuture<ApiError> retry = setConfig("next"); // resynchronized: works again
        commitNext();
        assertEquals(ApiError.NONE, retry.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Test
    void theFenceTimerFencesABrokerWhoseSessionExpiredOnTheControllersClock() throws Exception {
        ManualTime clock = new ManualTime();
        try (ActiveController timed = new ActiveController(1, "cluster", new MetadataController(
                ControllerConfig.defaults(), Uuid::random), stateMachine::image, batch -> {
                    CompletableFuture<Boolean> committed = new CompletableFuture<>();
                    log.add(new Pending(batch, committed));
                    return committed;
                }, clock, REQUEST_TIMEOUT_MS, 10, MAX_ENTRY_BYTES, 1_000)) {
            timed.onLeaderReady(1);
            commitNext();
            CompletableFuture<RegisterBrokerResponse> registered = timed.submit((c, image, nowMs) -> c.registerBroker(
                    image, new RegisterBrokerRequest(7, "cluster", new Uuid(7, 7), List.of(), Optional.empty()), nowMs));
            commitNext();
            long epoch = registered.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).brokerEpoch();
            CompletableFuture<BrokerHeartbeatResponse> unfenced = timed.submit((c, image, nowMs) -> c.brokerHeartbeat(
                    image, new BrokerHeartbeatRequest(7, epoch, image.offset(), false, false), nowMs));
            commitNext();
            assertEquals(false, unfenced.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).isFenced());
            assertTrue(log.isEmpty(), "no fencing while the session lives");

            clock.advance(ControllerConfig.SESSION_TIMEOUT_MS_DEFAULT);
            Pending fence = commitNext(); // written by the timer, not by a request
            assertTrue(fence.batch().getRecords(0).hasBrokerRegistrationChange(), fence.batch().toString());
            assertTrue(stateMachine.image().broker(7).fenced());
        }
    }

    @Test
    void aBatchAboveTheEntryLimitIsRefusedBeforeItReachesTheLog() throws Exception {
        becomeLeader();
        CompletableFuture<ApiError> huge = controller.submit((c, image, nowMs) -> c.alterConfigs(image,
                ConfigResource.topic("t"), Map.of("big", Optional.of("x".repeat(MAX_ENTRY_BYTES)))));
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> huge.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertEquals(ErrorCode.INVALID_REQUEST,
                assertInstanceOf(MetadataQuorumException.class, refused.getCause()).error().error());
        assertTrue(log.isEmpty());
        CompletableFuture<ApiError> small = setConfig("small"); // the speculative image was not touched
        Await.until(WAIT, "the batch appended", () -> log.size() == 1);
        assertEquals(1, log.peek().batch().getBaseVersion());
        commitNext();
        assertEquals(ApiError.NONE, small.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Test
    void aNodeThatIsNotLeaderAnswersNotControllerWithTheLeaderItKnows() throws Exception {
        controller.onNotLeader(3);
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> setConfig("x").get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        MetadataQuorumException error = assertInstanceOf(MetadataQuorumException.class, refused.getCause());
        assertEquals(ErrorCode.NOT_CONTROLLER, error.error().error());
        assertEquals(3, error.leaderId());
        assertTrue(log.isEmpty(), "nothing was appended");
    }

    @Test
    void closingFailsOperationsStillWaitingForTheirCommit() throws Exception {
        becomeLeader();
        CompletableFuture<ApiError> waiting = setConfig("w");
        Await.until(WAIT, "the batch appended", () -> !log.isEmpty());
        controller.close();
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> waiting.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertInstanceOf(MetadataQuorumException.class, failed.getCause());
    }
}
