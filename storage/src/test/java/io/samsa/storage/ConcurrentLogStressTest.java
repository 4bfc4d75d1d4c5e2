package io.samsa.storage;

import io.samsa.protocol.util.ManualTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Appends, reads, compaction, retention and flushes racing on one log: readers must only ever see
 * whole, valid batches at the offsets they asked for, and the log must stay consistent.
 */
class ConcurrentLogStressTest {
    @TempDir(factory = MemoryTempDirFactory.class)
    Path tmp;

    @Test
    void everythingAtOnce() throws Exception {
        ManualTime time = new ManualTime();
        PartitionLog log = PartitionLog.open(tmp.resolve("s-0"), new TopicPartition("s", 0), LogConfig.fromMap(Map.of(
                LogConfig.CLEANUP_POLICY, "compact,delete", LogConfig.SEGMENT_BYTES, "4000",
                LogConfig.RETENTION_BYTES, "60000", LogConfig.INDEX_INTERVAL_BYTES, "256",
                LogConfig.FILE_DELETE_DELAY_MS, "100000")), time);
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        threads.add(thread("reader", failure, () -> {
            Random random = new Random(1);
            while (!done.get()) {
                long start = log.logStartOffset();
                long end = log.logEndOffset();
                if (end == start) {
                    continue;
                }
                long offset = start + (long) (random.nextDouble() * (end - start));
                try {
                    FileSlice slice = log.read(offset, random.nextInt(3000));
                    List<TestBatches.Decoded> records = TestBatches.decode(slice.readAll().buffer());
                    if (!slice.isEmpty() && records.isEmpty()) {
                        throw new AssertionError("a non-empty slice without records at " + offset);
                    }
                    for (TestBatches.Decoded record : records) {
                        if (!record.value().startsWith("v" + record.offset() + "-")) {
                            throw new AssertionError("record " + record + " is not the one appended at its offset");
                        }
                    }
                } catch (OffsetOutOfRangeException e) {
                    // retention moved the start meanwhile
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }));
        java.util.concurrent.atomic.AtomicInteger compactions = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        threads.add(thread("compactor", failure, () -> {
            while (!done.get()) {
                attempts.incrementAndGet();
                if (log.compact(time.milliseconds())) {
                    compactions.incrementAndGet();
                }
            }
        }));
        threads.add(thread("retention", failure, () -> {
            while (!done.get()) {
                log.deleteExpiredSegments(time.milliseconds());
                log.flush();
            }
        }));
        threads.forEach(Thread::start);
        Random random = new Random(2);
        long next = 0;
        for (int i = 0; i < 3000 && failure.get() == null; i++) {
            int count = 1 + random.nextInt(3);
            List<TestBatches.Rec> records = new ArrayList<>();
            for (int r = 0; r < count; r++) {
                records.add(TestBatches.Rec.of("k" + random.nextInt(50), "v" + (next + r) + "-" + "x".repeat(random.nextInt(100)),
                        time.milliseconds()));
            }
            AppendInfo info = log.append(TestBatches.batch(records));
            assertEquals(next, info.firstOffset());
            next += count;
        }
        done.set(true);
        for (Thread thread : threads) {
            thread.join(30_000);
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        assertEquals(next, log.logEndOffset());
        System.out.println("compactions " + compactions + " of " + attempts);
        assertTrue(compactions.get() > 0, "compaction ran");
        log.deleteExpiredSegments(time.milliseconds());
        assertTrue(log.sizeInBytes() <= 60000 + 4000, "retention.bytes held: " + log.sizeInBytes());
        List<TestBatches.Decoded> all = TestBatches.readAll(log);
        for (int i = 1; i < all.size(); i++) {
            assertTrue(all.get(i).offset() > all.get(i - 1).offset(), "offsets strictly increase");
        }
        log.close();
        PartitionLog reopened = PartitionLog.open(tmp.resolve("s-0"), new TopicPartition("s", 0), log.config(), time);
        assertEquals(all, TestBatches.readAll(reopened));
        reopened.close();
    }

    private static Thread thread(String name, AtomicReference<Throwable> failure, Runnable body) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        }, name);
        thread.setDaemon(true);
        return thread;
    }
}
