package io.samsa.coordinator.runtime;

import io.samsa.coordinator.records.SerializedRecord;
import io.samsa.coordinator.timeline.SnapshotRegistry;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.util.Time;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs coordinator shards, one per partition of the coordinator's internal topic this broker leads
 * ({@code __consumer_offsets} for groups, {@code __transaction_state} for transactions), and
 * routes every event for a partition to that partition's serial executor. Records are turned into
 * bytes and back by the builder's {@link CoordinatorRecordCodec} (the group coordinator's protobuf
 * records by default).
 *
 * <p>Write path, all on the partition's event thread:
 * <pre>
 *   operation(shard, nowMs) ──► records + response          (no state changed yet)
 *        │ size check (maxWriteBytes), snapshot n
 *        ▼
 *   shard.replay(record)... ──► state now includes write n   (later events see it)
 *        │ CoordinatorLog.append ─ ─ ─ async ─ ─ ─►
 *        ▼                                         │ back on the event thread
 *   ok:   commit snapshots ≤ n, answer everything waiting for ≤ n
 *   fail: revert to snapshot n (undoes n and every later write), answer those with the error
 * </pre>
 * Replaying before the append completes lets the next operation build on this one without waiting
 * (Kafka does the same); the snapshot makes that safe. Records of an in-memory result are replayed
 * and never appended (see {@link CoordinatorResult#inMemory}). An append whose future is already
 * complete when {@code append} returns (the broker's log writes inline) is settled in the same
 * event, with no hop through the queue; only a pending append gets a completion event and a
 * timeout. Reads, and writes without records, are answered once the writes in flight when they ran
 * are durable, so nobody is told about state that might still be reverted.
 *
 * <p>Loading: {@link #scheduleLoad} replays the partition's log into a fresh shard; until it ends
 * requests get COORDINATOR_LOAD_IN_PROGRESS. A partition that was never loaded or was unloaded
 * answers NOT_COORDINATOR. Timers fire as events on the partition's thread, when
 * {@link #fireDueTimers()} finds them due (called by the optional ticker thread, or by tests after
 * advancing a manual clock).
 *
 * <p>Thread-safe: the schedule methods may be called from any thread. Futures are completed on the
 * partition's event thread; callers must not block in their callbacks.
 */
public final class CoordinatorRuntime<S extends ReplayableShard<?>> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CoordinatorRuntime.class);

    private final Time time;
    private final CoordinatorEventExecutor executor;
    private final CoordinatorLog log;
    private final CoordinatorShardFactory<S> shardFactory;
    private final CoordinatorRecordCodec<Object> codec;
    private final String topicName;
    private final int maxWriteBytes;
    private final long appendTimeoutMs;
    private final ScheduledExecutorService ticker;
    private final ConcurrentHashMap<Integer, CoordinatorPartition<S>> partitions = new ConcurrentHashMap<>();

    private CoordinatorRuntime(Builder<S> builder) {
        this.time = Objects.requireNonNull(builder.time, "time");
        this.executor = Objects.requireNonNull(builder.executor, "executor");
        this.log = Objects.requireNonNull(builder.log, "log");
        this.shardFactory = Objects.requireNonNull(builder.shardFactory, "shardFactory");
        this.codec = uncheckedCodec(builder.codec);
        this.topicName = builder.topicName;
        this.maxWriteBytes = builder.maxWriteBytes;
        this.appendTimeoutMs = builder.appendTimeoutMs;
        if (builder.timerTickMs > 0) {
            this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "samsa-coordinator-timer");
                thread.setDaemon(true);
                return thread;
            });
            ticker.scheduleAtFixedRate(this::tick, builder.timerTickMs, builder.timerTickMs, TimeUnit.MILLISECONDS);
        } else {
            this.ticker = null;
        }
    }

    public static <S extends ReplayableShard<?>> Builder<S> builder() {
        return new Builder<>();
    }

    /** A load or unload without a leader epoch: a partition no replication governs (single node). */
    public static final int NO_EPOCH = -1;

    /**
     * Starts serving a partition: creates its shard and replays its log. Loading an ACTIVE or
     * LOADING partition again is a no-op; a FAILED one is loaded afresh.
     *
     * @return completes when the partition is ACTIVE; fails with NOT_COORDINATOR when loading fails
     */
    public CompletableFuture<Void> scheduleLoad(int partition) {
        return scheduleLoad(partition, NO_EPOCH);
    }

    /**
     * Starts serving a partition this broker now leads under {@code epoch}. The same or an older
     * epoch than the one loaded is a no-op (stale or repeated news); a newer one drops the state and
     * replays the log afresh, since the log may have changed while another broker led it.
     *
     * @param epoch the partition's leader epoch, or {@link #NO_EPOCH}
     * @return completes when the partition is ACTIVE; fails with NOT_COORDINATOR when loading fails
     *         or a newer leadership (or a resignation) replaced this one
     */
    public CompletableFuture<Void> scheduleLoad(int partition, int epoch) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        submit(partition, done, () -> {
            CoordinatorPartition<S> existing = partitions.get(partition);
            if (existing != null && existing.state() != CoordinatorPartitionState.FAILED && existing.epoch >= epoch) {
                existing.loaded.whenComplete((ok, error) -> complete(done, ok, error));
                return;
            }
            if (existing != null) {
                close(existing);
            }
            CoordinatorPartition<S> context = newPartition(partition, epoch);
            partitions.put(partition, context);
            context.loaded.whenComplete((ok, error) -> complete(done, ok, error));
            CompletableFuture<Long> loading;
            try {
                loading = log.load(partition, (key, value) -> replayLoaded(context, key, value));
            } catch (RuntimeException e) {
                loading = CompletableFuture.failedFuture(e);
            }
            loading.whenComplete((endOffset, error) -> submitQuietly(partition, () -> finishLoad(context, endOffset, error)));
        });
        return done;
    }

    /**
     * Stops serving a partition: parked and in-flight requests get NOT_COORDINATOR, timers stop,
     * the state is dropped (the log keeps it for the next owner).
     */
    public CompletableFuture<Void> scheduleUnload(int partition) {
        return scheduleUnload(partition, NO_EPOCH);
    }

    /**
     * Stops serving a partition because leadership moved on under {@code epoch}: as
     * {@link #scheduleUnload(int)}, but a partition loaded under {@code epoch} or a newer one stays
     * (the news is stale). {@link #NO_EPOCH} unloads whatever is loaded.
     */
    public CompletableFuture<Void> scheduleUnload(int partition, int epoch) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        submit(partition, done, () -> {
            CoordinatorPartition<S> context = partitions.get(partition);
            if (context != null && (epoch == NO_EPOCH || context.epoch < epoch)) {
                partitions.remove(partition);
                close(context);
            }
            done.complete(null);
        });
        return done;
    }

    /** @return the leader epoch the partition was loaded under, or empty when none is held */
    public OptionalInt partitionEpoch(int partition) {
        CoordinatorPartition<S> context = partitions.get(partition);
        return context == null ? OptionalInt.empty() : OptionalInt.of(context.epoch);
    }

    /**
     * Runs a write operation on the partition's event thread.
     *
     * @param name for logs only
     * @return the operation's response, once its records are durable; fails with a
     *         {@link CoordinatorException} carrying NOT_COORDINATOR, COORDINATOR_LOAD_IN_PROGRESS,
     *         RECORD_LIST_TOO_LARGE, the append's error, or UNKNOWN_SERVER_ERROR if the operation threw
     */
    public <T> CompletableFuture<T> scheduleWrite(int partition, String name, CoordinatorWriteOperation<S, T> operation) {
        CompletableFuture<T> response = new CompletableFuture<>();
        submit(partition, response, () -> {
            CoordinatorPartition<S> context = activePartition(partition, response);
            if (context == null) {
                return;
            }
            long nowMs = time.milliseconds();
            CoordinatorResult<T> result;
            try {
                result = operation.generate(context.shard, nowMs);
            } catch (RuntimeException e) {
                response.completeExceptionally(asCoordinatorException(name, e));
                return;
            }
            apply(context, name, result, response);
        });
        return response;
    }

    /**
     * Runs a read operation on the partition's event thread.
     *
     * @return its answer, once the writes in flight when it ran are durable
     */
    public <T> CompletableFuture<T> scheduleRead(int partition, String name, CoordinatorReadOperation<S, T> operation) {
        CompletableFuture<T> response = new CompletableFuture<>();
        submit(partition, response, () -> {
            CoordinatorPartition<S> context = activePartition(partition, response);
            if (context == null) {
                return;
            }
            T value;
            try {
                value = operation.read(context.shard, time.milliseconds());
            } catch (RuntimeException e) {
                response.completeExceptionally(asCoordinatorException(name, e));
                return;
            }
            deferUntilDurable(context, context.lastWritten(), CoordinatorResult.response(value), response);
        });
        return response;
    }

    /** Submits a timer-firing event for every active partition with a due timer. Any thread. */
    public void fireDueTimers() {
        long nowMs = time.milliseconds();
        for (CoordinatorPartition<S> context : partitions.values()) {
            if (context.state() == CoordinatorPartitionState.ACTIVE && context.timer.hasDue(nowMs)
                    && context.timerFireScheduled.compareAndSet(false, true)) {
                submitQuietly(context.partition, () -> fireTimers(context));
            }
        }
    }

    /** The ticker's job; an exception must not end it, or no timer would ever fire again. */
    private void tick() {
        try {
            fireDueTimers();
        } catch (RuntimeException e) {
            LOG.error("timer tick failed", e);
        }
    }

    /** @return the partition's state, or null when this runtime holds nothing for it */
    public CoordinatorPartitionState partitionState(int partition) {
        CoordinatorPartition<S> context = partitions.get(partition);
        return context == null ? null : context.state();
    }

    /** @return the partitions this runtime holds state for, in any state (a snapshot) */
    public Set<Integer> partitions() {
        return Set.copyOf(partitions.keySet());
    }

    /** Unloads every partition, stops the ticker and closes the executor (which this runtime owns). */
    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        for (Integer partition : List.copyOf(partitions.keySet())) {
            scheduleUnload(partition);
        }
        executor.close();
    }

    private CoordinatorPartition<S> newPartition(int partition, int epoch) {
        SnapshotRegistry registry = new SnapshotRegistry();
        ShardTimer timer = new ShardTimer(time);
        S shard = shardFactory.create(new CoordinatorShardContext(partition, time, timer, registry));
        return new CoordinatorPartition<>(partition, epoch, shard, registry, timer);
    }

    /** Runs on the loading thread; the shard is touched by nobody else while LOADING. */
    private void replayLoaded(CoordinatorPartition<S> context, ByteBuffer key, ByteBuffer value) {
        Object record = codec.deserialize(key, value);
        if (record == null) {
            context.skippedRecords++;
            return;
        }
        replay(context.shard, record);
    }

    /**
     * The shard replays records of the codec's type: operations of a runtime return records of
     * that type, so the cast holds unless an operation returned foreign records (a bug, reported
     * as a failed replay).
     */
    @SuppressWarnings("unchecked")
    private static void replay(ReplayableShard<?> shard, Object record) {
        ((ReplayableShard<Object>) shard).replay(record);
    }

    @SuppressWarnings("unchecked")
    private static CoordinatorRecordCodec<Object> uncheckedCodec(CoordinatorRecordCodec<?> codec) {
        return (CoordinatorRecordCodec<Object>) Objects.requireNonNull(codec, "codec");
    }

    private void finishLoad(CoordinatorPartition<S> context, Long endOffset, Throwable error) {
        if (partitions.get(context.partition) != context || context.state() != CoordinatorPartitionState.LOADING) {
            return;
        }
        if (error == null) {
            try {
                context.shard.onLoaded(time.milliseconds());
            } catch (RuntimeException e) {
                error = e;
            }
        }
        if (error != null) {
            LOG.error("loading {} partition {} failed", topicName, context.partition, error);
            context.transitionTo(CoordinatorPartitionState.FAILED);
            context.loaded.completeExceptionally(new CoordinatorException(ErrorCode.NOT_COORDINATOR,
                    "loading partition " + context.partition + " failed", error));
            return;
        }
        context.transitionTo(CoordinatorPartitionState.ACTIVE);
        if (context.skippedRecords > 0) {
            LOG.warn("partition {}: skipped {} records of unknown type", context.partition, context.skippedRecords);
        }
        if (endOffset != null && endOffset > 0) {
            LOG.info("loaded {} partition {} up to offset {}", topicName, context.partition, endOffset);
        } else {
            // an empty partition: nothing worth a line per partition at start-up
            LOG.debug("loaded {} partition {} (empty)", topicName, context.partition);
        }
        context.loaded.complete(null);
    }

    private void close(CoordinatorPartition<S> context) {
        context.transitionTo(CoordinatorPartitionState.CLOSED);
        context.timer.clear();
        context.inFlight.clear();
        context.deferred.failAll(ErrorCode.NOT_COORDINATOR);
        context.loaded.completeExceptionally(new CoordinatorException(ErrorCode.NOT_COORDINATOR, "partition " + context.partition + " unloaded"));
        try {
            context.shard.onUnloaded();
        } catch (RuntimeException e) {
            LOG.error("unloading partition {} failed", context.partition, e);
        }
    }

    private void fireTimers(CoordinatorPartition<S> context) {
        context.timerFireScheduled.set(false);
        if (partitions.get(context.partition) != context || context.state() != CoordinatorPartitionState.ACTIVE) {
            return;
        }
        long nowMs = time.milliseconds();
        long sequenceBound = context.timer.nextSequence();
        ShardTimer.Entry entry;
        while ((entry = context.timer.pollDue(nowMs, sequenceBound)) != null) {
            String name = "timer " + entry.key();
            CoordinatorResult<Void> result;
            try {
                result = entry.task().run(nowMs);
            } catch (RuntimeException e) {
                LOG.error("{} on partition {} failed", name, context.partition, e);
                continue;
            }
            CompletableFuture<Void> outcome = new CompletableFuture<>();
            outcome.whenComplete((ok, error) -> {
                if (error != null) {
                    LOG.warn("{} on partition {}: {}", name, context.partition, error.getMessage());
                }
            });
            apply(context, name, result, outcome);
        }
    }

    /** The write path proper; see the class comment. */
    private <T> void apply(CoordinatorPartition<S> context, String name, CoordinatorResult<T> result, CompletableFuture<T> response) {
        if (result.records().isEmpty()) {
            deferUntilDurable(context, context.lastWritten(), result, response);
            return;
        }
        if (result.isInMemory()) {
            replayInMemory(context, name, result, response);
            return;
        }
        List<SerializedRecord> serialized = new ArrayList<>(result.records().size());
        long bytes = 0;
        for (Object record : result.records()) {
            SerializedRecord bytesOf = codec.serialize(record);
            bytes += bytesOf.sizeInBytes();
            serialized.add(bytesOf);
        }
        if (bytes > maxWriteBytes) {
            new PendingResponse<>(0, result, response).fail(ErrorCode.RECORD_LIST_TOO_LARGE,
                    name + " would write " + bytes + " bytes, more than " + maxWriteBytes);
            return;
        }
        long sequence = context.nextSequence++;
        context.registry.createSnapshot(sequence);
        try {
            for (Object record : result.records()) {
                replay(context.shard, record);
            }
        } catch (RuntimeException e) {
            LOG.error("{}: replaying its own records failed on partition {}", name, context.partition, e);
            context.registry.revertTo(sequence);
            new PendingResponse<>(0, result, response).fail(ErrorCode.UNKNOWN_SERVER_ERROR, name + ": replay failed: " + e);
            return;
        }
        context.inFlight.addLast(sequence);
        context.deferred.add(new PendingResponse<>(sequence, result, response));
        CompletableFuture<Long> append;
        try {
            append = log.append(context.partition, serialized);
        } catch (RuntimeException e) {
            append = CompletableFuture.failedFuture(e);
        }
        if (append.isDone()) {
            // Settled inline (the broker's log appends on this thread): finish in this event, as the
            // completion event would have, just without the queue hop. Replay ran above, so the
            // answers still follow the state they describe; nothing is left to time out.
            onAppendComplete(context, sequence, failureOf(append));
            return;
        }
        context.timer.schedule(new AppendTimeout(sequence), appendTimeoutMs, nowMs -> {
            onAppendTimeout(context, sequence);
            return CoordinatorResult.empty();
        });
        append.whenComplete((offset, error) -> submitQuietly(context.partition, () -> onAppendComplete(context, sequence, error)));
    }

    /**
     * In-memory records: replayed after every write so far, so a failing earlier write reverts them
     * too; never appended. Their answer waits, like a read's, for the writes in flight.
     */
    private <T> void replayInMemory(CoordinatorPartition<S> context, String name, CoordinatorResult<T> result,
                                    CompletableFuture<T> response) {
        try {
            for (Object record : result.records()) {
                replay(context.shard, record);
            }
        } catch (RuntimeException e) {
            LOG.error("{}: replaying its in-memory records failed on partition {}", name, context.partition, e);
            new PendingResponse<>(0, result, response).fail(ErrorCode.UNKNOWN_SERVER_ERROR, name + ": replay failed: " + e);
            return;
        }
        deferUntilDurable(context, context.lastWritten(), result, response);
    }

    /** @return why a completed future failed, or null when it succeeded */
    private static Throwable failureOf(CompletableFuture<?> done) {
        try {
            done.join();
            return null;
        } catch (CompletionException e) {
            return e.getCause() != null ? e.getCause() : e;
        } catch (CancellationException e) {
            return e;
        }
    }

    private void onAppendComplete(CoordinatorPartition<S> context, long sequence, Throwable error) {
        if (partitions.get(context.partition) != context || context.state() != CoordinatorPartitionState.ACTIVE
                || !context.inFlight.contains(sequence)) {
            return; // unloaded meanwhile, or already reverted by an earlier failure
        }
        if (error == null) {
            while (!context.inFlight.isEmpty() && context.inFlight.peekFirst() <= sequence) {
                context.timer.cancel(new AppendTimeout(context.inFlight.pollFirst()));
            }
            context.lastCommitted = sequence;
            context.registry.commitUpTo(sequence);
            context.deferred.completeUpTo(sequence);
            return;
        }
        ErrorCode code = appendError(error);
        LOG.warn("append to {} partition {} failed ({}); reverting", topicName, context.partition, code, error);
        context.registry.revertTo(sequence);
        while (!context.inFlight.isEmpty() && context.inFlight.peekLast() >= sequence) {
            context.timer.cancel(new AppendTimeout(context.inFlight.pollLast()));
        }
        context.deferred.failFrom(sequence, code);
    }

    /**
     * A write not durable within offsets.commit.timeout.ms: its answers (and those waiting for
     * earlier writes) fail as retriable, so no request hangs on a stuck log. Its state is kept: the
     * append may still succeed, and if it fails it is reverted then, as usual.
     */
    private void onAppendTimeout(CoordinatorPartition<S> context, long sequence) {
        if (!context.inFlight.contains(sequence)) {
            return;
        }
        LOG.warn("append {} to {} partition {} not durable after {} ms", sequence, topicName, context.partition, appendTimeoutMs);
        context.deferred.failUpTo(sequence, ErrorCode.COORDINATOR_NOT_AVAILABLE);
    }

    /** Names the timeout of one in-flight write on the partition's timer. */
    private record AppendTimeout(long sequence) implements TimerKey {
    }

    private <T> void deferUntilDurable(CoordinatorPartition<S> context, long sequence, CoordinatorResult<T> result,
                                       CompletableFuture<T> response) {
        PendingResponse<T> answer = new PendingResponse<>(sequence, result, response);
        if (sequence <= context.lastCommitted) {
            answer.complete();
        } else {
            context.deferred.add(answer);
        }
    }

    private <T> CoordinatorPartition<S> activePartition(int partition, CompletableFuture<T> response) {
        CoordinatorPartition<S> context = partitions.get(partition);
        ErrorCode error = context == null ? ErrorCode.NOT_COORDINATOR : context.state().requestError();
        if (error != ErrorCode.NONE) {
            response.completeExceptionally(new CoordinatorException(error, "partition " + partition));
            return null;
        }
        return context;
    }

    /** Append failures keep a coordinator error they carry; anything else is retriable for clients. */
    private static ErrorCode appendError(Throwable error) {
        for (Throwable cursor = error; cursor != null; cursor = cursor.getCause()) {
            if (cursor instanceof CoordinatorException ce) {
                return ce.error();
            }
        }
        return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    }

    private static CoordinatorException asCoordinatorException(String name, RuntimeException e) {
        if (e instanceof CoordinatorException ce) {
            return ce;
        }
        LOG.error("operation {} failed", name, e);
        return new CoordinatorException(ErrorCode.UNKNOWN_SERVER_ERROR, name + " failed", e);
    }

    private void submit(int partition, CompletableFuture<?> response, Runnable event) {
        try {
            executor.submit(partition, event);
        } catch (RejectedExecutionException e) {
            response.completeExceptionally(new CoordinatorException(ErrorCode.COORDINATOR_NOT_AVAILABLE,
                    "coordinator is shutting down", e));
        }
    }

    private void submitQuietly(int partition, Runnable event) {
        try {
            executor.submit(partition, event);
        } catch (RejectedExecutionException e) {
            LOG.debug("partition {}: event dropped during shutdown", partition);
        }
    }

    private static <T> void complete(CompletableFuture<T> target, T value, Throwable error) {
        if (error == null) {
            target.complete(value);
        } else {
            target.completeExceptionally(error);
        }
    }

    /** Builds a runtime; time, executor, log and shard factory are required. */
    public static final class Builder<S extends ReplayableShard<?>> {
        private Time time;
        private CoordinatorEventExecutor executor;
        private CoordinatorLog log;
        private CoordinatorShardFactory<S> shardFactory;
        private CoordinatorRecordCodec<?> codec = GroupRecordCodec.INSTANCE;
        private String topicName = "__consumer_offsets";
        private int maxWriteBytes = 1_048_588;
        private long appendTimeoutMs = 5_000;
        private long timerTickMs;

        private Builder() {
        }

        public Builder<S> withTime(Time value) {
            this.time = value;
            return this;
        }

        /** The runtime owns the executor and closes it on {@link CoordinatorRuntime#close()}. */
        public Builder<S> withExecutor(CoordinatorEventExecutor value) {
            this.executor = value;
            return this;
        }

        public Builder<S> withLog(CoordinatorLog value) {
            this.log = value;
            return this;
        }

        public Builder<S> withShardFactory(CoordinatorShardFactory<S> value) {
            this.shardFactory = value;
            return this;
        }

        /**
         * @param value how the shards' records become bytes; must match the shard factory's record
         *              type. Default: the group coordinator's protobuf records.
         */
        public Builder<S> withRecordCodec(CoordinatorRecordCodec<?> value) {
            this.codec = value;
            return this;
        }

        /** @param name the internal topic, for logs only (default {@code __consumer_offsets}) */
        public Builder<S> withTopicName(String name) {
            this.topicName = Objects.requireNonNull(name, "name");
            return this;
        }

        /** @param bytes the largest serialized write one operation may append */
        public Builder<S> withMaxWriteBytes(int bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxWriteBytes must be positive: " + bytes);
            }
            this.maxWriteBytes = bytes;
            return this;
        }

        /** @param ms how long an append may take before its answers fail (offsets.commit.timeout.ms) */
        public Builder<S> withAppendTimeoutMs(long ms) {
            if (ms <= 0) {
                throw new IllegalArgumentException("appendTimeoutMs must be positive: " + ms);
            }
            this.appendTimeoutMs = ms;
            return this;
        }

        /**
         * Starts a ticker thread that calls {@link CoordinatorRuntime#fireDueTimers()} every
         * {@code tickMs}. Without it (tests), timers fire only when that method is called.
         */
        public Builder<S> withTimerTicker(long tickMs) {
            if (tickMs <= 0) {
                throw new IllegalArgumentException("tickMs must be positive: " + tickMs);
            }
            this.timerTickMs = tickMs;
            return this;
        }

        public CoordinatorRuntime<S> build() {
            return new CoordinatorRuntime<>(this);
        }
    }
}
