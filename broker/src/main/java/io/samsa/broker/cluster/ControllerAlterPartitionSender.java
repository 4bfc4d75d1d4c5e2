package io.samsa.broker.cluster;

import io.samsa.broker.lifecycle.BrokerComponent;
import io.samsa.broker.replication.AlterPartitionSender;
import io.samsa.broker.replication.IsrChange;
import io.samsa.broker.replication.IsrChangeResult;
import io.samsa.metadata.controller.api.AlterPartitionRequest;
import io.samsa.metadata.controller.api.AlterPartitionResponse;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.metadata.image.PartitionRegistration;
import io.samsa.metadata.image.TopicImage;
import io.samsa.metadata.quorum.MetadataQuorum;
import io.samsa.metadata.rpc.ControllerRpcs;
import io.samsa.protocol.ErrorCode;
import io.samsa.storage.TopicPartition;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A leader's ISR changes sent to the active controller as AlterPartition through the metadata
 * quorum ({@link MetadataQuorum#forward}), with this broker's id and current broker epoch and the
 * topic id from the image. The controller's per-partition refusals that say the leader's view is
 * stale (FENCED_LEADER_EPOCH, INVALID_UPDATE_VERSION, INELIGIBLE_REPLICA, NEW_LEADER_ELECTED, ...)
 * complete the change as refused, as Kafka's Partition does not retry them: the leader keeps its
 * committed ISR until the image brings the new state. Everything else (no controller, a timeout, a
 * stale broker epoch while re-registering, an unknown error) is sent again after
 * {@code controller.quorum.retry.backoff.ms}, until the image shows that the change is out of date
 * (a newer leader or partition epoch) or the broker closes.
 *
 * <p>Thread-safe; never blocks the caller (retries run on its own scheduler thread).
 */
final class ControllerAlterPartitionSender implements AlterPartitionSender, BrokerComponent {
    private static final Logger LOG = LoggerFactory.getLogger(ControllerAlterPartitionSender.class);
    /** Kafka's Partition.handleAlterPartitionError: these are answers, not failures to retry. */
    private static final Set<ErrorCode> FINAL = EnumSet.of(ErrorCode.OPERATION_NOT_ATTEMPTED,
            ErrorCode.INELIGIBLE_REPLICA, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, ErrorCode.UNKNOWN_TOPIC_ID,
            ErrorCode.FENCED_LEADER_EPOCH, ErrorCode.INVALID_UPDATE_VERSION, ErrorCode.INVALID_REQUEST,
            ErrorCode.NEW_LEADER_ELECTED);

    private final int brokerId;
    private final Supplier<MetadataQuorum> quorum;
    private final LongSupplier brokerEpoch;
    private final long requestTimeoutMs;
    private final long retryBackoffMs;
    private volatile ScheduledExecutorService scheduler;
    private volatile boolean closed;

    /**
     * @param quorum      the node's metadata quorum (running once the membership started)
     * @param brokerEpoch this broker's current registration epoch, -1 while unregistered
     */
    ControllerAlterPartitionSender(int brokerId, Supplier<MetadataQuorum> quorum, LongSupplier brokerEpoch,
                                   long requestTimeoutMs, long retryBackoffMs) {
        this.brokerId = brokerId;
        this.quorum = quorum;
        this.brokerEpoch = brokerEpoch;
        this.requestTimeoutMs = requestTimeoutMs;
        this.retryBackoffMs = retryBackoffMs;
    }

    @Override
    public String name() {
        return "alter-partition-sender";
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "samsa-alter-partition-" + brokerId);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public CompletableFuture<IsrChangeResult> alterPartition(TopicPartition partition, IsrChange change) {
        CompletableFuture<IsrChangeResult> answer = new CompletableFuture<>();
        attempt(partition, change, answer);
        return answer;
    }

    private void attempt(TopicPartition partition, IsrChange change, CompletableFuture<IsrChangeResult> answer) {
        if (closed) {
            answer.complete(IsrChangeResult.failed(ErrorCode.REQUEST_TIMED_OUT));
            return;
        }
        MetadataImage image = quorum.get().currentImage();
        TopicImage topic = image.topic(partition.topic());
        PartitionRegistration registration = topic == null ? null : topic.partition(partition.partition());
        ErrorCode outdated = outdated(registration, change);
        if (outdated != ErrorCode.NONE) {
            answer.complete(IsrChangeResult.failed(outdated));
            return;
        }
        long epoch = brokerEpoch.getAsLong();
        if (epoch < 0) {
            retryLater(partition, change, answer, "not registered yet");
            return;
        }
        AlterPartitionRequest request = new AlterPartitionRequest(brokerId, epoch, List.of(
                new AlterPartitionRequest.IsrChange(topic.id(), partition.partition(), change.leaderEpoch(),
                        change.newIsr(), change.partitionEpoch())));
        quorum.get().forward(ControllerRpcs.alterPartition(request), requestTimeoutMs)
                .whenComplete((response, error) -> onAnswer(partition, change, answer, response, error));
    }

    /** @return NONE while the change still applies to the image's state of the partition, else why not */
    private static ErrorCode outdated(PartitionRegistration registration, IsrChange change) {
        if (registration == null) {
            return ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
        }
        if (registration.leaderEpoch() > change.leaderEpoch()) {
            return ErrorCode.FENCED_LEADER_EPOCH;
        }
        if (registration.partitionEpoch() > change.partitionEpoch()) {
            return ErrorCode.INVALID_UPDATE_VERSION;
        }
        return ErrorCode.NONE;
    }

    private void onAnswer(TopicPartition partition, IsrChange change, CompletableFuture<IsrChangeResult> answer,
                          AlterPartitionResponse response, Throwable error) {
        if (error != null) {
            retryLater(partition, change, answer, String.valueOf(error.getMessage()));
            return;
        }
        if (response.error().isError() || response.partitions().isEmpty()) {
            retryLater(partition, change, answer, response.error().error() + " " + response.error().message());
            return;
        }
        AlterPartitionResponse.PartitionState state = response.partitions().get(0);
        ErrorCode code = state.error().error();
        if (code == ErrorCode.NONE) {
            answer.complete(IsrChangeResult.committed(state.leaderEpoch(), state.isr(), state.partitionEpoch()));
        } else if (FINAL.contains(code)) {
            answer.complete(IsrChangeResult.failed(code));
        } else {
            retryLater(partition, change, answer, code + " " + state.error().message());
        }
    }

    private void retryLater(TopicPartition partition, IsrChange change, CompletableFuture<IsrChangeResult> answer,
                            String why) {
        LOG.debug("broker {}: AlterPartition {} of {} not answered ({}); again in {} ms", brokerId, change.newIsr(),
                partition, why, retryBackoffMs);
        try {
            scheduler.schedule(() -> attempt(partition, change, answer), retryBackoffMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            answer.complete(IsrChangeResult.failed(ErrorCode.REQUEST_TIMED_OUT));
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        ScheduledExecutorService executor = scheduler;
        if (executor != null) {
            executor.shutdownNow();
            executor.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
