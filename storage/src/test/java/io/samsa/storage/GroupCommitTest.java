package io.samsa.storage;

import io.samsa.protocol.testing.Await;
import io.samsa.protocol.util.ManualTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GroupCommitTest {
    @TempDir
    Path tmp;

    @Test
    void waitersDuringAFlushShareTheNextOne() throws Exception {
        AtomicInteger flushes = new AtomicInteger();
        AtomicLong written = new AtomicLong(10);
        CountDownLatch firstEntered = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        GroupCommit commit = new GroupCommit(() -> {
            long covered = written.get();
            if (flushes.incrementAndGet() == 1) {
                firstEntered.countDown();
                try {
                    releaseFirst.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            return covered;
        }, 0);
        Thread leader = new Thread(() -> awaitQuietly(commit, 10));
        leader.start();
        firstEntered.await();
        written.set(30);
        List<Thread> followers = new ArrayList<>();
        for (long offset : new long[] {20, 25, 30}) {
            Thread follower = new Thread(() -> awaitQuietly(commit, offset));
            follower.start();
            followers.add(follower);
        }
        Await.until(Duration.ofSeconds(10), "three followers waiting", () -> commit.waiters() == 3);
        releaseFirst.countDown();
        leader.join(10_000);
        for (Thread follower : followers) {
            follower.join(10_000);
        }
        assertEquals(2, flushes.get(), "one flush for the leader, one shared by the three followers");
        assertEquals(30, commit.durableOffset());
    }

    private static void awaitQuietly(GroupCommit commit, long offset) {
        try {
            commit.awaitDurable(offset);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aFailedFlushReleasesWaitersAndReportsToItsLeader() {
        GroupCommit commit = new GroupCommit(() -> {
            throw new java.io.IOException("disk gone");
        }, 0);
        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> commit.awaitDurable(1));
        assertEquals("disk gone", e.getMessage());
        assertEquals(0, commit.durableOffset());
        assertEquals(0, commit.waiters());
    }

    @Test
    void flushMessagesOneMakesEveryAcknowledgedAppendDurable() throws Exception {
        PartitionLog log = PartitionLog.open(tmp.resolve("t-0"), new TopicPartition("t", 0),
                LogConfig.fromMap(Map.of(LogConfig.FLUSH_MESSAGES, "1")), new ManualTime());
        try {
            int threads = 4;
            int perThread = 40;
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> appenders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread appender = new Thread(() -> {
                    try {
                        for (int i = 0; i < perThread; i++) {
                            AppendInfo info = log.append(TestBatches.values(0, "v" + i));
                            if (log.recoveryPoint() < info.lastOffset() + 1) {
                                throw new AssertionError("acknowledged before durable: " + info);
                            }
                        }
                    } catch (Throwable e) {
                        failure.set(e);
                    }
                });
                appender.start();
                appenders.add(appender);
            }
            for (Thread appender : appenders) {
                appender.join(60_000);
            }
            if (failure.get() != null) {
                throw new AssertionError(failure.get());
            }
            int appends = threads * perThread;
            int flushes = log.groupCommit().flushCount();
            assertEquals(appends, log.logEndOffset());
            assertTrue(flushes <= appends, flushes + " flushes for " + appends + " appends");
            System.out.println("group commit: " + appends + " appends, " + flushes + " fsyncs");
        } finally {
            log.close();
        }
    }
}
