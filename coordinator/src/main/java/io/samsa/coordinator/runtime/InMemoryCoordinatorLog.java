package io.samsa.coordinator.runtime;

import io.samsa.coordinator.records.SerializedRecord;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link CoordinatorLog} in memory, for tests. By default appends are durable at once, on the
 * calling thread, as the broker's log is: the runtime answers within the write's own event. Tests can
 * hold appends ({@link #holdAppends}) and release or fail them later (the runtime then settles them
 * in a completion event of their own), fail the next append, and
 * hold loading until {@link #releaseLoad}. A failed append fails every held append after it, as the
 * contract requires. Thread-safe (all methods synchronized; futures completed outside the lock).
 */
public final class InMemoryCoordinatorLog implements CoordinatorLog {
    private final Map<Integer, List<SerializedRecord>> logs = new HashMap<>();
    private final ArrayDeque<PendingAppend> heldAppends = new ArrayDeque<>();
    private final Map<Integer, Runnable> heldLoads = new HashMap<>();
    private boolean holdAppends;
    private boolean holdLoads;
    private RuntimeException nextAppendFailure;

    private record PendingAppend(int partition, List<SerializedRecord> records, CompletableFuture<Long> future) {
    }

    @Override
    public CompletableFuture<Long> append(int partition, List<SerializedRecord> records) {
        CompletableFuture<Long> future = new CompletableFuture<>();
        RuntimeException failure;
        synchronized (this) {
            failure = nextAppendFailure;
            nextAppendFailure = null;
            if (failure == null && holdAppends) {
                heldAppends.addLast(new PendingAppend(partition, List.copyOf(records), future));
                return future;
            }
        }
        if (failure != null) {
            future.completeExceptionally(failure);
        } else {
            future.complete(store(partition, records));
        }
        return future;
    }

    @Override
    public CompletableFuture<Long> load(int partition, LoadSink sink) {
        CompletableFuture<Long> future = new CompletableFuture<>();
        Runnable read = () -> {
            try {
                List<SerializedRecord> copy = records(partition);
                for (SerializedRecord record : copy) {
                    sink.accept(ByteBuffer.wrap(record.key()), record.value() == null ? null : ByteBuffer.wrap(record.value()));
                }
                future.complete((long) copy.size());
            } catch (RuntimeException e) {
                future.completeExceptionally(e);
            }
        };
        synchronized (this) {
            if (holdLoads) {
                heldLoads.put(partition, read);
                return future;
            }
        }
        read.run();
        return future;
    }

    /** Appends from now on stay pending until {@link #releaseAppends} or {@link #failHeldAppends}. */
    public synchronized void holdAppends(boolean hold) {
        holdAppends = hold;
    }

    /** Loads from now on wait for {@link #releaseLoad}. */
    public synchronized void holdLoads(boolean hold) {
        holdLoads = hold;
    }

    /** The next append fails with {@code failure}. */
    public synchronized void failNextAppend(RuntimeException failure) {
        nextAppendFailure = failure;
    }

    /** Makes every held append durable, in order. */
    public void releaseAppends() {
        List<PendingAppend> released;
        synchronized (this) {
            released = new ArrayList<>(heldAppends);
            heldAppends.clear();
        }
        for (PendingAppend pending : released) {
            pending.future().complete(store(pending.partition(), pending.records()));
        }
    }

    /** Fails every held append with {@code failure}; none of their records is stored. */
    public void failHeldAppends(RuntimeException failure) {
        List<PendingAppend> failed;
        synchronized (this) {
            failed = new ArrayList<>(heldAppends);
            heldAppends.clear();
        }
        for (PendingAppend pending : failed) {
            pending.future().completeExceptionally(failure);
        }
    }

    public synchronized int heldAppendCount() {
        return heldAppends.size();
    }

    /** Runs a held load of {@code partition} on the calling thread. */
    public void releaseLoad(int partition) {
        Runnable read;
        synchronized (this) {
            read = heldLoads.remove(partition);
        }
        if (read == null) {
            throw new IllegalStateException("no load of partition " + partition + " is held");
        }
        read.run();
    }

    /** @return a copy of the durable records of a partition, in log order */
    public synchronized List<SerializedRecord> records(int partition) {
        return new ArrayList<>(logs.getOrDefault(partition, List.of()));
    }

    /** Appends records directly, as if an earlier coordinator had written them. */
    public long seed(int partition, List<SerializedRecord> records) {
        return store(partition, records);
    }

    private synchronized long store(int partition, List<SerializedRecord> records) {
        List<SerializedRecord> log = logs.computeIfAbsent(partition, p -> new ArrayList<>());
        log.addAll(records);
        return log.size() - 1L;
    }
}
