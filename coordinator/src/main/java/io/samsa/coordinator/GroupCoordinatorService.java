package io.samsa.coordinator;

import io.samsa.coordinator.offsets.OffsetCommitHandler;
import io.samsa.coordinator.offsets.OffsetCommitRequest;
import io.samsa.coordinator.offsets.OffsetCommitResponse;
import io.samsa.coordinator.offsets.OffsetDeleteHandler;
import io.samsa.coordinator.offsets.OffsetDeleteRequest;
import io.samsa.coordinator.offsets.OffsetDeleteResponse;
import io.samsa.coordinator.offsets.OffsetFetchHandler;
import io.samsa.coordinator.offsets.OffsetFetchRequest;
import io.samsa.coordinator.offsets.OffsetFetchResponse;
import io.samsa.coordinator.runtime.CoordinatorLog;
import io.samsa.coordinator.runtime.CoordinatorRuntime;
import io.samsa.coordinator.runtime.ThreadPoolEventExecutor;
import io.samsa.protocol.util.Time;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The group coordinator as the broker sees it: one method per group API, each taking a domain
 * request and completing with a domain response that carries any error as an error code (the
 * future itself never fails). It maps the group to its {@code __consumer_offsets} partition, runs
 * the API's handler there through the {@link CoordinatorRuntime}, and turns runtime failures
 * (NOT_COORDINATOR, COORDINATOR_LOAD_IN_PROGRESS, failed appends) into the response's error.
 *
 * <p>The broker calls {@link #onElection} / {@link #onResignation} when it gains or loses
 * leadership of an offsets partition, and implements {@link CoordinatorLog} on the partition log.
 *
 * <p>Thread-safe: call from any thread; futures complete on coordinator threads, so callers hop to
 * their own executor before doing anything slow.
 */
public final class GroupCoordinatorService implements AutoCloseable {
    private final GroupCoordinatorConfig config;
    private final CoordinatorRuntime<GroupCoordinatorShard> runtime;
    private final OffsetCommitHandler offsetCommit;
    private final OffsetFetchHandler offsetFetch = new OffsetFetchHandler();
    private final OffsetDeleteHandler offsetDelete = new OffsetDeleteHandler();

    /** @param runtime a runtime whose shards are {@link GroupCoordinatorShard}s built with {@code config} */
    public GroupCoordinatorService(GroupCoordinatorConfig config, CoordinatorRuntime<GroupCoordinatorShard> runtime) {
        this.config = config;
        this.runtime = runtime;
        this.offsetCommit = new OffsetCommitHandler(config.offsetMetadataMaxBytes());
    }

    /**
     * The production wiring: group.coordinator.threads event threads and a timer ticker.
     *
     * @param log the broker's view of {@code __consumer_offsets}
     */
    public static GroupCoordinatorService start(GroupCoordinatorConfig config, Time time, CoordinatorLog log) {
        CoordinatorRuntime<GroupCoordinatorShard> runtime = CoordinatorRuntime.<GroupCoordinatorShard>builder()
                .withTime(time)
                .withExecutor(new ThreadPoolEventExecutor(config.coordinatorThreads(), "samsa-group-coordinator"))
                .withLog(log)
                .withShardFactory(context -> new GroupCoordinatorShard(context, config))
                .withMaxWriteBytes(config.maxWriteBytes())
                .withTimerTicker(config.timerTickMs())
                .build();
        return new GroupCoordinatorService(config, runtime);
    }

    /** @return the {@code __consumer_offsets} partition that coordinates {@code groupId} */
    public int partitionFor(String groupId) {
        return OffsetsTopicPartitioner.partitionFor(groupId, config.offsetsTopicPartitions());
    }

    /** This broker now leads {@code partition}: load it. */
    public CompletableFuture<Void> onElection(int partition) {
        return runtime.scheduleLoad(partition);
    }

    /** This broker no longer leads {@code partition}: drop it. */
    public CompletableFuture<Void> onResignation(int partition) {
        return runtime.scheduleUnload(partition);
    }

    public CompletableFuture<OffsetCommitResponse> commitOffsets(OffsetCommitRequest request) {
        if (request.groupId().isEmpty()) {
            return CompletableFuture.completedFuture(OffsetCommitResponse.allFailed(request, CoordinatorError.INVALID_GROUP_ID));
        }
        return answer(runtime.scheduleWrite(partitionFor(request.groupId()), "OffsetCommit",
                        (shard, nowMs) -> offsetCommit.commit(shard, request, nowMs)),
                error -> OffsetCommitResponse.allFailed(request, commitError(error)));
    }

    public CompletableFuture<OffsetFetchResponse> fetchOffsets(OffsetFetchRequest request) {
        if (request.groupId().isEmpty()) {
            return CompletableFuture.completedFuture(OffsetFetchResponse.failed(CoordinatorError.INVALID_GROUP_ID));
        }
        return answer(runtime.scheduleRead(partitionFor(request.groupId()), "OffsetFetch",
                        (shard, nowMs) -> offsetFetch.fetch(shard, request)),
                OffsetFetchResponse::failed);
    }

    public CompletableFuture<OffsetDeleteResponse> deleteOffsets(OffsetDeleteRequest request) {
        if (request.groupId().isEmpty()) {
            return CompletableFuture.completedFuture(OffsetDeleteResponse.failed(CoordinatorError.INVALID_GROUP_ID));
        }
        return answer(runtime.scheduleWrite(partitionFor(request.groupId()), "OffsetDelete",
                        (shard, nowMs) -> offsetDelete.delete(shard, request)),
                OffsetDeleteResponse::failed);
    }

    /** The runtime underneath, for the broker's lifecycle and for tests. */
    public CoordinatorRuntime<GroupCoordinatorShard> runtime() {
        return runtime;
    }

    @Override
    public void close() {
        runtime.close();
    }

    /** A commit too large to append is the client's problem: INVALID_COMMIT_OFFSET_SIZE, as in Kafka. */
    private static CoordinatorError commitError(CoordinatorError error) {
        return error == CoordinatorError.RECORD_LIST_TOO_LARGE ? CoordinatorError.INVALID_COMMIT_OFFSET_SIZE : error;
    }

    private static <T> CompletableFuture<T> answer(CompletableFuture<T> result, Function<CoordinatorError, T> onError) {
        return result.exceptionally(error -> onError.apply(CoordinatorException.errorOf(error)));
    }
}
