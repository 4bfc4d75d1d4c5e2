package io.samsa.broker.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.protocol.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SerialExecutorTest {

    @Test
    void tasksRunOneAtATimeInSubmissionOrderOnAPool() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            SerialExecutor serial = new SerialExecutor(pool);
            List<Integer> ran = new ArrayList<>();
            AtomicInteger running = new AtomicInteger();
            AtomicInteger maxRunning = new AtomicInteger();
            for (int i = 0; i < 2000; i++) {
                int task = i;
                serial.execute(() -> {
                    maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                    synchronized (ran) {
                        ran.add(task);
                    }
                    running.decrementAndGet();
                });
            }
            Await.until(Duration.ofSeconds(10), "all tasks ran", () -> {
                synchronized (ran) {
                    return ran.size() == 2000;
                }
            });
            synchronized (ran) {
                assertEquals(IntStream.range(0, 2000).boxed().toList(), ran);
            }
            assertEquals(1, maxRunning.get());
        } finally {
            pool.shutdown();
            assertTrue(pool.awaitTermination(5, TimeUnit.SECONDS));
        }
    }
}
