package io.samsa.metadata.quorum;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.metadata.image.ConfigResource;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.metadata.image.MetadataListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restarted node replays its log on Ratis's thread; start-up returns only once that replay has
 * reached the commit index its log recorded, so the first image a caller reads holds every batch
 * committed before the restart. A listener that holds up each replayed batch makes the replay
 * slower than start-up.
 */
class RestartReplayTest {
    private static final int KEYS = 30;
    private static final long SLOW_NS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final MetadataListener SLOW = (delta, image) -> LockSupport.parkNanos(SLOW_NS);

    @Test
    void startUpReturnsOnceTheCommittedLogIsReplayed(@TempDir Path root) throws IOException {
        try (TestQuorum quorum = new TestQuorum(root, 1, Map.of())) {
            MetadataImage before = writeAndStop(quorum);

            MetadataImage loaded = quorum.start(1, SLOW).currentImage();

            assertTrue(loaded.offset() >= before.offset() && loaded.configs(ConfigResource.topic("t")).keySet()
                    .containsAll(before.configs(ConfigResource.topic("t")).keySet()), "the image at offset "
                    + loaded.offset() + " has " + loaded.configs(ConfigResource.topic("t")).size() + " keys; "
                    + KEYS + " were committed by offset " + before.offset());
        }
    }

    @Test
    void aReplayThatOutlastsItsTimeoutFailsStartUpNamingTheKey(@TempDir Path root) throws IOException {
        try (TestQuorum quorum = new TestQuorum(root, 1, Map.of(QuorumConfig.REPLAY_TIMEOUT_MS, "50"))) {
            writeAndStop(quorum);

            IOException e = assertThrows(IOException.class, () -> quorum.start(1, SLOW));
            assertTrue(e.getMessage().contains(QuorumConfig.REPLAY_TIMEOUT_MS), e.getMessage());
        }
    }

    /**
     * Writes {@link #KEYS} config keys, one batch each, on a one-voter quorum, then one more and
     * stops it. The last write makes the log record the commit of the others durably: Ratis
     * appends the entry that records a commit after the committed batch, so it is on disk once the
     * next batch commits. @return the image after the {@link #KEYS} keys
     */
    private static MetadataImage writeAndStop(TestQuorum quorum) throws IOException {
        quorum.startAll();
        MetadataImage before = MetadataImage.EMPTY;
        for (int i = 0; i <= KEYS; i++) {
            String key = "key." + i;
            quorum.submit((c, image, nowMs) -> c.alterConfigs(image, ConfigResource.topic("t"),
                    Map.of(key, Optional.of("v" + key))));
            if (i == KEYS - 1) {
                before = quorum.node(1).currentImage();
            }
        }
        quorum.stopAll();
        return before;
    }
}
