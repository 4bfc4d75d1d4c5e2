package io.samsa.broker.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.samsa.coordinator.GroupCoordinatorConfig;
import io.samsa.coordinator.GroupCoordinatorService;
import io.samsa.coordinator.offsets.CommittedOffset;
import io.samsa.coordinator.offsets.OffsetCommitRecords;
import io.samsa.coordinator.offsets.TopicMetadataLookup;
import io.samsa.coordinator.offsets.TopicPartition;
import io.samsa.coordinator.runtime.CoordinatorException;
import io.samsa.coordinator.runtime.CoordinatorResult;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.util.ManualTime;
import io.samsa.storage.LogConfig;
import io.samsa.storage.PartitionLog;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coordinator over {@link OffsetsTopicLog} on its real event threads, where appends now run
 * inline: a failed append is answered NOT_COORDINATOR and fences the partition; the reload the
 * fence listener asks for (as {@link GroupCoordinatorComponent} does) lifts the fence and rebuilds
 * the partition from what became durable.
 */
class OffsetsTopicLogReloadTest {
    private static final int P = 0;
    private static final TopicPartition TP = new TopicPartition("t", 0);

    @TempDir
    Path dir;

    private final ManualTime time = new ManualTime(1_000L);
    private final Map<Integer, PartitionLog> logs = new ConcurrentHashMap<>();
    private final AtomicInteger fences = new AtomicInteger();
    private final CompletableFuture<Void> reloaded = new CompletableFuture<>();
    private volatile PartitionLog good;
    private OffsetsTopicLog log;
    private GroupCoordinatorService service;

    @AfterEach
    void close() {
        if (service != null) {
            service.close();
        }
        if (log != null) {
            log.close();
        }
        logs.values().forEach(PartitionLog::close); // idempotent; the broken one is closed already
    }

    @Test
    void aFailedAppendIsAnsweredAndTheReloadedPartitionHoldsOnlyWhatWasDurable() throws Exception {
        good = open("good");
        logs.put(P, good);
        log = new OffsetsTopicLog(logs::get, time, 1, partition -> {
            fences.incrementAndGet();
            logs.put(partition, good); // the log is healthy again by the time the partition reloads
            service.onResignation(partition).whenComplete((ignored, error) ->
                    service.onElection(partition).whenComplete((ok, loadError) -> reloaded.complete(null)));
        });
        service = GroupCoordinatorService.start(GroupCoordinatorConfig.defaults(), time, log, TopicMetadataLookup.ALL_KNOWN);
        service.onElection(P).get(10, TimeUnit.SECONDS);

        assertEquals("1", commit(1).get(10, TimeUnit.SECONDS));
        PartitionLog broken = open("broken");
        broken.close();
        logs.put(P, broken);

        ExecutionException failed = assertThrows(ExecutionException.class, () -> commit(2).get(10, TimeUnit.SECONDS));
        assertEquals(ErrorCode.NOT_COORDINATOR, CoordinatorException.errorOf(failed.getCause()));
        reloaded.get(10, TimeUnit.SECONDS);

        assertEquals(1L, committed().get(10, TimeUnit.SECONDS), "the failed commit is gone after the reload");
        assertEquals("3", commit(3).get(10, TimeUnit.SECONDS), "the fence is lifted");
        assertEquals(3L, committed().get(10, TimeUnit.SECONDS));
        assertEquals(2L, good.logEndOffset(), "two durable commits, nothing of the failed one");
        assertEquals(1, fences.get(), "told once, for the one failed append");
    }

    private CompletableFuture<String> commit(long offset) {
        return service.runtime().scheduleWrite(P, "commit", (shard, nowMs) -> CoordinatorResult.of(
                List.of(OffsetCommitRecords.newOffsetCommitRecord("g", TP.topic(), TP.partition(),
                        CommittedOffset.of(offset, 0, "", nowMs))), Long.toString(offset)));
    }

    private CompletableFuture<Long> committed() {
        return service.runtime().scheduleRead(P, "fetch", (shard, nowMs) -> shard.offsets().offset("g", TP).offset());
    }

    private PartitionLog open(String name) {
        return PartitionLog.open(dir.resolve(name), new io.samsa.storage.TopicPartition(OffsetsTopic.NAME, P), LogConfig.DEFAULT, time);
    }
}
