package io.samsa.benchmarks.sidebyside;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * Time to reload committed offsets at start-up. On a {@code log.dirs} of its own: start the broker,
 * create a topic of {@link #PARTITIONS} partitions, stop it cleanly; restart it and time until
 * OffsetFetch answers every group (nothing committed yet: the baseline); commit {@code offsets}
 * offsets ({@code offsets / PARTITIONS} groups, each committing every partition in one OffsetCommit
 * through Admin); stop cleanly; restart and time until OffsetFetch returns every group's offsets and
 * every one of them equals what was committed. Until a group's coordinator partition is loaded the
 * broker answers COORDINATOR_LOAD_IN_PROGRESS, which Admin retries every 10-50 ms, so the clock stops
 * within about 50 ms of the last group becoming readable.
 *
 * <p>Both clocks start right before the broker process is launched, so they include JVM start-up and
 * the broker's own start-up; the difference between the two restarts is the cost of the offsets.
 *
 * <p>Stateless.
 */
final class OffsetReloadRun {
    static final int PARTITIONS = 1000;
    static final String TOPIC = "reload-offsets";
    /** Groups per OffsetFetch/OffsetCommit wave: bounds the response sizes and the commits in flight. */
    private static final int GROUPS_PER_WAVE = 50;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(300);
    private static final long ANSWER_TIMEOUT_SECONDS = 600;

    private OffsetReloadRun() {
    }

    /** @param start starts the broker with these settings (the given {@code log.dirs} included) */
    static OffsetReloadResult run(Function<Map<String, String>, BrokerProcess> start, Map<String, String> settings,
                                  int offsets) {
        int groups = offsets / PARTITIONS;
        Path dataDir = ChildJvm.tempDir("side-by-side-reload-");
        Map<String, String> withDir = new LinkedHashMap<>(settings);
        withDir.put("log.dirs", dataDir.resolve("data").toString());
        BrokerProcess broker = null;
        try {
            broker = start.apply(withDir);
            Topics.create(broker.bootstrapServers(), TOPIC, PARTITIONS);
            stop(broker);
            long startNs = System.nanoTime();
            broker = restart(broker);
            double emptyReadyMs = (System.nanoTime() - startNs) / 1e6;
            double emptyAnsweredMs;
            double commitMs;
            try (Admin admin = Topics.admin(broker.bootstrapServers())) {
                awaitOffsets(admin, groups, false);
                emptyAnsweredMs = (System.nanoTime() - startNs) / 1e6;
                System.out.printf("   restart without offsets: ready %.0f ms, %d groups answered %.0f ms; committing %d offsets%n",
                    emptyReadyMs, groups, emptyAnsweredMs, offsets);
                long commitStartNs = System.nanoTime();
                commitAll(admin, groups);
                commitMs = (System.nanoTime() - commitStartNs) / 1e6;
            }
            stop(broker);
            startNs = System.nanoTime();
            broker = restart(broker);
            double readyMs = (System.nanoTime() - startNs) / 1e6;
            try (Admin admin = Topics.admin(broker.bootstrapServers())) {
                awaitOffsets(admin, groups, true);
            }
            double reloadedMs = (System.nanoTime() - startNs) / 1e6;
            return new OffsetReloadResult(offsets, groups, emptyReadyMs, emptyAnsweredMs, readyMs, reloadedMs, commitMs);
        } finally {
            if (broker != null) {
                broker.close();
            }
            ChildJvm.deleteRecursively(dataDir);
        }
    }

    private static void stop(BrokerProcess broker) {
        if (!broker.stopCleanly(STOP_TIMEOUT)) {
            throw new IllegalStateException(broker.name() + " did not shut down within " + STOP_TIMEOUT.toSeconds() + " s");
        }
    }

    /** Starts the stopped broker again on its data, then releases what is left of the stopped one. */
    private static BrokerProcess restart(BrokerProcess stopped) {
        try {
            return stopped.restart(START_TIMEOUT);
        } finally {
            stopped.close();
        }
    }

    static String group(int index) {
        return "reload-group-" + index;
    }

    /** The offset group {@code g} commits for partition {@code p}: distinct for every pair. */
    static long committedOffset(int group, int partition) {
        return (long) group * PARTITIONS + partition + 1;
    }

    private static void commitAll(Admin admin, int groups) {
        for (int first = 0; first < groups; first += GROUPS_PER_WAVE) {
            List<KafkaFuture<Void>> wave = new ArrayList<>();
            for (int g = first; g < Math.min(groups, first + GROUPS_PER_WAVE); g++) {
                Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
                for (int p = 0; p < PARTITIONS; p++) {
                    commit.put(new TopicPartition(TOPIC, p), new OffsetAndMetadata(committedOffset(g, p)));
                }
                wave.add(admin.alterConsumerGroupOffsets(group(g), commit).all());
            }
            try {
                KafkaFuture.allOf(wave.toArray(KafkaFuture[]::new)).get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("committing offsets of groups " + first + "..: " + e, e);
            }
        }
    }

    /**
     * Fetches every group's offsets, retrying a wave whose fetch failed, until all groups answered.
     *
     * @param expectCommitted whether every group must return exactly its committed offsets, or nothing
     * @throws IllegalStateException when an answer is wrong, or not all arrive in time
     */
    private static void awaitOffsets(Admin admin, int groups, boolean expectCommitted) {
        long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(ANSWER_TIMEOUT_SECONDS);
        List<Integer> firstsLeft = new ArrayList<>();
        for (int first = 0; first < groups; first += GROUPS_PER_WAVE) {
            firstsLeft.add(first);
        }
        while (!firstsLeft.isEmpty()) {
            if (System.nanoTime() - deadlineNs > 0) {
                throw new IllegalStateException("OffsetFetch did not answer every group in " + ANSWER_TIMEOUT_SECONDS + " s");
            }
            Map<Integer, ListConsumerGroupOffsetsResult> waves = new LinkedHashMap<>();
            for (int first : firstsLeft) {
                Map<String, ListConsumerGroupOffsetsSpec> specs = new LinkedHashMap<>();
                for (int g = first; g < Math.min(groups, first + GROUPS_PER_WAVE); g++) {
                    specs.put(group(g), new ListConsumerGroupOffsetsSpec());
                }
                waves.put(first, admin.listConsumerGroupOffsets(specs));
            }
            List<Integer> failed = new ArrayList<>();
            for (Map.Entry<Integer, ListConsumerGroupOffsetsResult> wave : waves.entrySet()) {
                Map<String, Map<TopicPartition, OffsetAndMetadata>> answers;
                try {
                    answers = wave.getValue().all().get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } catch (Exception retriable) {
                    failed.add(wave.getKey());
                    continue;
                }
                answers.forEach((group, offsets) -> verify(group, offsets, expectCommitted));
            }
            firstsLeft = failed;
        }
    }

    private static void verify(String group, Map<TopicPartition, OffsetAndMetadata> offsets, boolean expectCommitted) {
        if (!expectCommitted) {
            if (!offsets.isEmpty()) {
                throw new IllegalStateException(group + " has offsets before any commit: " + offsets.size());
            }
            return;
        }
        int index = Integer.parseInt(group.substring(group.lastIndexOf('-') + 1));
        if (offsets.size() != PARTITIONS) {
            throw new IllegalStateException(group + " returned " + offsets.size() + " offsets, expected " + PARTITIONS);
        }
        offsets.forEach((partition, offset) -> {
            long expected = committedOffset(index, partition.partition());
            if (offset == null || offset.offset() != expected || !partition.topic().equals(TOPIC)) {
                throw new IllegalStateException(group + " " + partition + " returned " + offset + ", committed " + expected);
            }
        });
    }
}
