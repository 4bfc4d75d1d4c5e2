package io.samsa.coordinator;

import io.samsa.coordinator.offsets.TopicMetadataLookup;
import io.samsa.coordinator.offsets.OffsetCommitRequest;
import io.samsa.coordinator.offsets.OffsetCommitResponse;
import io.samsa.coordinator.offsets.OffsetFetchRequest;
import io.samsa.coordinator.offsets.OffsetFetchResponse;
import io.samsa.coordinator.offsets.TopicPartition;
import io.samsa.coordinator.runtime.InMemoryCoordinatorLog;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.testing.Await;
import io.samsa.protocol.util.ManualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The production wiring ({@link GroupCoordinatorService#start}) on real threads, with a manual clock. */
class GroupCoordinatorServiceThreadedTest {
    private static final GroupCoordinatorConfig CONFIG = GroupCoordinatorConfig.fromProperties(Map.of(
            GroupCoordinatorConfig.OFFSETS_TOPIC_PARTITIONS, "5",
            GroupCoordinatorConfig.OFFSETS_RETENTION_MINUTES, "1",
            GroupCoordinatorConfig.OFFSETS_RETENTION_CHECK_INTERVAL_MS, "1000",
            GroupCoordinatorConfig.COORDINATOR_THREADS, "2",
            GroupCoordinatorConfig.TIMER_TICK_MS, "1"));

    private static OffsetCommitRequest commit(String groupId, long offset) {
        return new OffsetCommitRequest(groupId, "", -1, null, -1, (short) 8,
                List.of(new OffsetCommitRequest.PartitionCommit("t", 0, offset, -1, "")));
    }

    @Test
    void commitsFetchesExpiryAndResignationAcrossPartitions() {
        ManualTime time = new ManualTime();
        InMemoryCoordinatorLog log = new InMemoryCoordinatorLog();
        try (GroupCoordinatorService service = GroupCoordinatorService.start(CONFIG, time, log, TopicMetadataLookup.ALL_KNOWN)) {
            for (int p = 0; p < 5; p++) {
                service.onElection(p).join();
            }
            List<CompletableFuture<OffsetCommitResponse>> commits = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                commits.add(service.commitOffsets(commit("group-" + i % 20, i)));
            }
            for (CompletableFuture<OffsetCommitResponse> c : commits) {
                assertEquals(ErrorCode.NONE, c.join().partitions().get(0).error());
            }
            for (int g = 0; g < 20; g++) {
                OffsetFetchResponse fetched = service.fetchOffsets(
                        new OffsetFetchRequest("group-" + g, List.of(new TopicPartition("t", 0)))).join();
                assertEquals(180L + g, fetched.partitions().get(0).offset(), "the last commit of group-" + g);
            }

            time.advance(60_000);
            Await.until(Duration.ofSeconds(10), "retention expired every offset", () -> service.fetchOffsets(
                    OffsetFetchRequest.allPartitions("group-3")).join().partitions().isEmpty());

            int partition = service.partitionFor("group-3");
            service.onResignation(partition).join();
            assertEquals(ErrorCode.NOT_COORDINATOR, service.commitOffsets(commit("group-3", 1)).join()
                    .partitions().get(0).error());
            service.onElection(partition).join();
            assertEquals(List.of(), service.fetchOffsets(OffsetFetchRequest.allPartitions("group-3")).join().partitions(),
                    "reloaded from the log, tombstones included");
        }
    }
}
