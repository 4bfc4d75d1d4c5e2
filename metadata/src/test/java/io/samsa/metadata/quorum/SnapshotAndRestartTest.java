package io.samsa.metadata.quorum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.metadata.controller.api.RegisterBrokerRequest;
import io.samsa.metadata.image.ConfigResource;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.protocol.testing.Await;
import io.samsa.protocol.types.Uuid;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots with log purge: after enough entries every voter writes a snapshot and drops the log
 * segments behind it; a restart loads the snapshot and replays only the tail, before start-up
 * returns; a voter that was down past the purge catches up (from the leader's snapshot).
 */
class SnapshotAndRestartTest {
    private static final int SNAPSHOT_EVERY = 25;
    /** How long the restarted node's listener holds up each replayed batch. */
    private static final long SLOW_NS = TimeUnit.MILLISECONDS.toNanos(20);

    @Test
    void snapshotsPurgeTheLogAndRestartsReplaySnapshotPlusTail(@TempDir Path root) throws IOException {
        try (TestQuorum quorum = new TestQuorum(root, 3, Map.of(
                QuorumConfig.SNAPSHOT_THRESHOLD, Integer.toString(SNAPSHOT_EVERY),
                QuorumConfig.SEGMENT_BYTES, "2048"))) {
            quorum.startAll();
            quorum.submit((c, image, nowMs) -> c.registerBroker(image, new RegisterBrokerRequest(1,
                    quorum.node(1).clusterId(), new Uuid(3, 3), List.of(), Optional.empty()), nowMs));
            int first = quorum.awaitActive();
            int lagging = first == 3 ? 2 : 3;
            quorum.stop(lagging);
            quorum.writeConfigs(0, 3 * SNAPSHOT_EVERY);
            for (int id : quorum.running()) {
                Path dir = quorum.dir(id);
                Await.until(TestQuorum.WAIT, "a snapshot and a purged log on node " + id,
                        () -> !TestQuorum.files(dir, "snapshot.").isEmpty() && TestQuorum.files(dir, "log_0-").isEmpty());
            }

            quorum.start(lagging); // its log ends before the leader's first kept entry: it needs the snapshot
            int leader = quorum.awaitActive();
            MetadataImage expected = quorum.node(leader).currentImage();
            quorum.awaitAll("the leader's image", image -> image.equals(quorum.node(leader).currentImage()));
            assertEquals(3 * SNAPSHOT_EVERY, expected.configs(ConfigResource.topic("t")).size());

            int written = 3 * SNAPSHOT_EVERY;
            do { // a tail after the last snapshot
                quorum.writeConfigs(written++, 1);
            } while (latestSnapshotIndex(quorum.dir(leader)) >= quorum.node(leader).currentImage().offset());
            MetadataImage before = quorum.node(leader).currentImage();
            // One more write: the leader appends the metadata entry that records the commit of the tail
            // before this batch, and commits this batch only once its own log holds it, so its log durably
            // says the tail is committed. (Whether it also says this last batch is, it may not know yet.)
            quorum.writeConfigs(written, 1);
            MetadataImage last = quorum.node(leader).currentImage();
            quorum.awaitAll("the tail", image -> image.equals(last));
            quorum.stopAll();

            // Replay on the restarted node runs on Ratis's thread; a slow listener makes it lag start-up.
            RatisMetadataQuorum restarted = quorum.start(leader, (delta, image) -> LockSupport.parkNanos(SLOW_NS));
            MetadataImage loaded = restarted.currentImage();
            // Alone, the node cannot commit anything new: start-up returns with the latest snapshot plus the
            // tail its log holds as committed. The first keys lie only in the snapshot (the log behind it is
            // purged). The snapshot's index can lie above the image's offset (the offset is the last batch;
            // Ratis's configuration and commit-index entries advance the index only).
            assertTrue(loaded.equals(before) || loaded.equals(last), "start-up replays the snapshot at "
                    + latestSnapshotIndex(quorum.dir(leader)) + " and the committed tail: image offset "
                    + loaded.offset() + " with " + loaded.configs(ConfigResource.topic("t")).size() + " keys, "
                    + "expected offset " + before.offset() + " or " + last.offset());
            assertTrue(TestQuorum.files(quorum.dir(leader), "log_0-").isEmpty(), "the log behind the snapshot stays purged");
            for (int id = 1; id <= 3; id++) {
                if (id != leader) {
                    quorum.start(id);
                }
            }
            quorum.awaitAll("the image from before the restart", image -> image.equals(last));
        }
    }


    /** @return the index of the newest snapshot file under {@code dir} (named snapshot.term_index) */
    private static long latestSnapshotIndex(Path dir) {
        return TestQuorum.files(dir, "snapshot.").stream().map(p -> p.getFileName().toString())
                .filter(name -> !name.endsWith(".md5") && !name.endsWith(".tmp"))
                .mapToLong(name -> Long.parseLong(name.substring(name.indexOf('_') + 1))).max().orElse(-1);
    }

}
