package io.samsa.coordinator.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's {@link CoordinatorEventExecutor}: a fixed set of single-threaded executors
 * (group.coordinator.threads), each partition pinned to {@code partition % threads}. Pinning gives
 * per-partition ordering for free and keeps a partition's state on one thread; the price is that a
 * hot partition cannot borrow an idle thread, which is acceptable since groups hash evenly.
 * Thread-safe.
 */
public final class ThreadPoolEventExecutor implements CoordinatorEventExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(ThreadPoolEventExecutor.class);

    private final List<ExecutorService> threads;

    /** @param threadCount how many event threads; positive */
    public ThreadPoolEventExecutor(int threadCount, String threadNamePrefix) {
        if (threadCount <= 0) {
            throw new IllegalArgumentException("threadCount must be positive: " + threadCount);
        }
        List<ExecutorService> created = new ArrayList<>(threadCount);
        AtomicInteger index = new AtomicInteger();
        for (int i = 0; i < threadCount; i++) {
            created.add(Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, threadNamePrefix + "-" + index.getAndIncrement());
                thread.setDaemon(true);
                return thread;
            }));
        }
        this.threads = List.copyOf(created);
    }

    @Override
    public void submit(int partition, Runnable event) {
        threads.get(Math.floorMod(partition, threads.size())).execute(() -> {
            try {
                event.run();
            } catch (RuntimeException | Error e) {
                // An event must not kill its thread: the other partitions pinned to it would stall.
                LOG.error("coordinator event for partition {} failed", partition, e);
            }
        });
    }

    @Override
    public void close() {
        // Let queued events (the runtime's unload events among them) run, then stop.
        for (ExecutorService thread : threads) {
            thread.shutdown();
        }
        for (ExecutorService thread : threads) {
            try {
                if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                    LOG.warn("a coordinator event thread did not stop within 5 s; interrupting it");
                    thread.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
