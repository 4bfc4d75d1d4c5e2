package io.samsa.metadata.quorum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.metadata.controller.api.RegisterBrokerRequest;
import io.samsa.metadata.image.ConfigResource;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.protocol.testing.Await;
import io.samsa.protocol.types.Uuid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import io.samsa.metadata.controller.api.ApiError;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots with log purge: after enough entries every voter writes a snapshot and drops the log
 * segments behind it; a restart loads the snapshot and replays only the tail; a voter that was
 * down past the purge catches up (from the leader's snapshot).
 */
class SnapshotAndRestartTest {
    private static final int SNAPSHOT_EVERY = 25;

    @Test
    @Disabled("open defect, issue 11: in about one CI run in three a node restarted from its latest snapshot holds"
            + " fewer config keys than were committed before that snapshot (70 of 75+ at snapshot index 102, image"
            + " offset 101); to be found and fixed before the quorum serves clients")
    void snapshotsPurgeTheLogAndRestartsReplaySnapshotPlusTail(@TempDir Path root) throws IOException {
        try (TestQuorum quorum = new TestQuorum(root, 3, Map.of(
                QuorumConfig.SNAPSHOT_THRESHOLD, Integer.toString(SNAPSHOT_EVERY),
                QuorumConfig.SEGMENT_BYTES, "2048"))) {
            quorum.startAll();
            quorum.submit((c, image, nowMs) -> c.registerBroker(image, new RegisterBrokerRequest(1,
                    quorum.node(1).clusterId(), new Uuid(3, 3), List.of(), Optional.empty()), nowMs));
            int leader = quorum.awaitActive();
            int lagging = leader == 3 ? 2 : 3;
            quorum.stop(lagging);
            writeConfigs(quorum, 0, 3 * SNAPSHOT_EVERY);
            for (int id : quorum.running()) {
                Path dir = quorum.dir(id);
                Await.until(TestQuorum.WAIT, "a snapshot and a purged log on node " + id,
                        () -> !files(dir, "snapshot.").isEmpty() && files(dir, "log_0-").isEmpty());
            }

            quorum.start(lagging); // its log ends before the leader's first kept entry: it needs the snapshot
            MetadataImage expected = quorum.node(leader).currentImage();
            quorum.awaitAll("the leader's image", image -> image.equals(quorum.node(leader).currentImage()));
            assertEquals(3 * SNAPSHOT_EVERY, expected.configs(ConfigResource.topic("t")).size());

            int written = 3 * SNAPSHOT_EVERY;
            do { // a tail after the last snapshot
                writeConfigs(quorum, written++, 1);
            } while (latestSnapshotIndex(quorum.dir(leader)) >= quorum.node(leader).currentImage().offset());
            MetadataImage before = quorum.node(leader).currentImage();
            long snapshotIndex = latestSnapshotIndex(quorum.dir(leader));
            quorum.awaitAll("the tail", image -> image.equals(before));
            quorum.stopAll();

            RatisMetadataQuorum restarted = quorum.start(leader);
            MetadataImage loaded = restarted.currentImage();
            // The first 3 * SNAPSHOT_EVERY keys were written before the log segments behind the snapshot were
            // purged, so only the snapshot can hold them. (The image's offset is the index of the last batch it
            // applied, which can lie below the snapshot's index: an election's no-op entry, or a batch replay
            // dropped, advances the applied index but not the image.)
            assertTrue(snapshotIndex > 0 && loaded.configs(ConfigResource.topic("t")).size() >= 3 * SNAPSHOT_EVERY,
                    "start-up loads the snapshot at " + snapshotIndex + " (image offset " + loaded.offset() + ", "
                            + loaded.configs(ConfigResource.topic("t")).size() + " keys)");
            assertTrue(files(quorum.dir(leader), "log_0-").isEmpty(), "the log behind the snapshot stays purged");
            for (int id = 1; id <= 3; id++) {
                if (id != leader) {
                    quorum.start(id);
                }
            }
            quorum.awaitAll("the image from before the restart", image -> image.equals(before));
        }
    }

    /** Writes {@code count} config keys, pipelined on the active controller. */
    private static void writeConfigs(TestQuorum quorum, int from, int count) {
        RatisMetadataQuorum leader = quorum.node(quorum.awaitActive());
        List<CompletableFuture<ApiError>> writes = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            String key = "key." + i;
            writes.add(leader.submit((c, image, nowMs) -> c.alterConfigs(image, ConfigResource.topic("t"),
                    Map.of(key, Optional.of("v" + key)))));
        }
        CompletableFuture.allOf(writes.toArray(new CompletableFuture<?>[0]))
                .orTimeout(TestQuorum.WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    /** @return the index of the newest snapshot file under {@code dir} (named snapshot.term_index) */
    private static long latestSnapshotIndex(Path dir) {
        return files(dir, "snapshot.").stream().map(p -> p.getFileName().toString())
                .filter(name -> !name.endsWith(".md5") && !name.endsWith(".tmp"))
                .mapToLong(name -> Long.parseLong(name.substring(name.indexOf('_') + 1))).max().orElse(-1);
    }

    /**
     * The files under {@code dir} whose names start with {@code prefix}. Ratis writes and renames
     * snapshot and log files while the test looks, so a file that vanishes during the walk is skipped.
     */
    private static List<Path> files(Path dir, String prefix) {
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (file.getFileName().toString().startsWith(prefix)) {
                        found.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }
}
