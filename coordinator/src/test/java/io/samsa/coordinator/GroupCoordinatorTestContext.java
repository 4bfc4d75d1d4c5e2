package io.samsa.coordinator;

import io.samsa.coordinator.consumer.GroupOverrides;
import io.samsa.coordinator.consumer.TopicLookup;
import io.samsa.coordinator.offsets.TopicMetadataLookup;
import io.samsa.coordinator.records.CoordinatorRecord;
import io.samsa.coordinator.records.CoordinatorRecordSerde;
import io.samsa.coordinator.records.SerializedRecord;
import io.samsa.coordinator.runtime.CoordinatorReadOperation;
import io.samsa.coordinator.runtime.CoordinatorRuntime;
import io.samsa.coordinator.runtime.CoordinatorWriteOperation;
import io.samsa.coordinator.runtime.InMemoryCoordinatorLog;
import io.samsa.coordinator.runtime.ManualEventExecutor;
import io.samsa.protocol.util.ManualTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Drives a group coordinator runtime deterministically: a manual clock, a manual executor (events
 * run only when the context runs them) and an in-memory log. Seed state by replaying records,
 * send operations, and {@link #sleep} to advance time and fire due timers. Not thread-safe.
 */
public final class GroupCoordinatorTestContext implements AutoCloseable {
    public final ManualTime time = new ManualTime();
    public final ManualEventExecutor executor = new ManualEventExecutor();
    public final InMemoryCoordinatorLog log = new InMemoryCoordinatorLog();
    public final GroupCoordinatorConfig config;
    public final CoordinatorRuntime<GroupCoordinatorShard> runtime;
    public final GroupCoordinatorService service;
    private final Map<Integer, GroupCoordinatorShard> shards = new HashMap<>();

    public GroupCoordinatorTestContext() {
        this(GroupCoordinatorConfig.defaults());
    }

    public GroupCoordinatorTestContext(GroupCoordinatorConfig config) {
        this(config, TopicLookup.NONE);
    }

    /** @param topics the topics consumer groups (KIP-848) see, with their ids */
    public GroupCoordinatorTestContext(GroupCoordinatorConfig config, TopicLookup topics) {
        this(config, topics, GroupOverrides.NONE);
    }

    /** @param overrides the consumer groups' own configs */
    public GroupCoordinatorTestContext(GroupCoordinatorConfig config, TopicLookup topics, GroupOverrides overrides) {
        this.config = config;
        this.runtime = CoordinatorRuntime.<GroupCoordinatorShard>builder()
                .withTime(time)
                .withExecutor(executor)
                .withLog(log)
                .withMaxWriteBytes(config.maxWriteBytes())
                .withAppendTimeoutMs(config.offsetCommitTimeoutMs())
                .withShardFactory(context -> {
                    GroupCoordinatorShard shard = new GroupCoordinatorShard(context, config, overrides, topics);
                    shards.put(context.partition(), shard);
                    return shard;
                })
                .build();
        this.service = new GroupCoordinatorService(config, runtime, TopicMetadataLookup.ALL_KNOWN, topics, overrides);
    }

    /** Runs every ready event and returns the future's value; fails when it is not complete then. */
    public <T> T await(CompletableFuture<T> future) {
        executor.runAll();
        return nonBlocking(future).join();
    }

    /** Writes records to the log as an earlier coordinator would have, before loading. */
    public GroupCoordinatorTestContext seed(int partition, CoordinatorRecord... records) {
        List<SerializedRecord> serialized = new ArrayList<>();
        for (CoordinatorRecord record : records) {
            serialized.add(CoordinatorRecordSerde.serialize(record));
        }
        log.seed(partition, serialized);
        return this;
    }

    /** Loads a partition and runs events until it is active. */
    public GroupCoordinatorTestContext load(int partition) {
        await(runtime.scheduleLoad(partition));
        return this;
    }

    /** @return the shard the runtime created most recently for {@code partition} */
    public GroupCoordinatorShard shard(int partition) {
        return shards.get(partition);
    }

    /**
     * Schedules a write and runs every ready event; the future may still wait for a held append.
     * Its {@code join()} fails instead of blocking when it is not complete.
     */
    public <T> CompletableFuture<T> write(int partition, CoordinatorWriteOperation<GroupCoordinatorShard, T> operation) {
        CompletableFuture<T> response = runtime.scheduleWrite(partition, "test-write", operation);
        executor.runAll();
        return nonBlocking(response);
    }

    /** Schedules a read and runs every ready event; {@code join()} fails instead of blocking. */
    public <T> CompletableFuture<T> read(int partition, CoordinatorReadOperation<GroupCoordinatorShard, T> operation) {
        CompletableFuture<T> response = runtime.scheduleRead(partition, "test-read", operation);
        executor.runAll();
        return nonBlocking(response);
    }

    /**
     * A view of {@code source} whose {@code join()} throws AssertionError instead of waiting: with a
     * manual executor nothing else will complete it, so waiting would hang the test.
     */
    public static <T> CompletableFuture<T> nonBlocking(CompletableFuture<T> source) {
        NonBlockingFuture<T> view = new NonBlockingFuture<>();
        source.whenComplete((value, error) -> {
            if (error == null) {
                view.complete(value);
            } else {
                view.completeExceptionally(error);
            }
        });
        return view;
    }

    private static final class NonBlockingFuture<T> extends CompletableFuture<T> {
        @Override
        public T join() {
            if (!isDone()) {
                throw new AssertionError("not answered after all ready events ran");
            }
            return super.join();
        }
    }

    /** Advances the clock by {@code ms}, fires due timers and runs every resulting event. */
    public void sleep(long ms) {
        time.advance(ms);
        runtime.fireDueTimers();
        executor.runAll();
    }

    /** Makes held appends durable and runs the events that follow. */
    public void releaseAppends() {
        log.releaseAppends();
        executor.runAll();
    }

    @Override
    public void close() {
        runtime.close();
        executor.runAll();
    }
}
