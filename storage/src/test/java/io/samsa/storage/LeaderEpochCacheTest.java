package io.samsa.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaderEpochCacheTest {
    @TempDir
    Path dir;

    @Test
    void writesKafkasCheckpointFormat() throws IOException {
        LeaderEpochCache cache = LeaderEpochCache.load(dir);
        cache.assign(0, 0);
        cache.assign(3, 40);
        assertEquals("0\n2\n0 0\n3 40\n", Files.readString(dir.resolve(LeaderEpochCache.FILE_NAME)));
        assertFalse(Files.exists(dir.resolve(LeaderEpochCache.FILE_NAME + ".tmp")));
    }

    @Test
    void assignIgnoresOlderEpochsAndDropsEmptyOnes() throws IOException {
        LeaderEpochCache cache = LeaderEpochCache.load(dir);
        assertTrue(cache.assign(1, 10));
        assertFalse(cache.assign(1, 20));
        assertFalse(cache.assign(0, 30));
        assertTrue(cache.assign(2, 10)); // epoch 1 held no data: replaced
        assertEquals(List.of(new EpochEntry(2, 10)), cache.entries());
    }

    @Test
    void endOffsetForFollowsOffsetForLeaderEpoch() throws IOException {
        LeaderEpochCache cache = LeaderEpochCache.load(dir);
        assertEquals(EpochEndOffset.UNDEFINED, cache.endOffsetFor(0, 100));
        cache.assign(1, 0);
        cache.assign(3, 20);
        cache.assign(5, 50);
        assertEquals(new EpochEndOffset(5, 100), cache.endOffsetFor(5, 100), "latest epoch ends at the log end");
        assertEquals(new EpochEndOffset(3, 50), cache.endOffsetFor(3, 100));
        assertEquals(new EpochEndOffset(3, 50), cache.endOffsetFor(4, 100), "unknown epoch answers the floor epoch");
        assertEquals(new EpochEndOffset(0, 0), cache.endOffsetFor(0, 100), "older than all: itself, ending at the first start");
        assertEquals(EpochEndOffset.UNDEFINED, cache.endOffsetFor(6, 100), "newer than all");
        assertEquals(EpochEndOffset.UNDEFINED, cache.endOffsetFor(-1, 100));
    }

    @Test
    void truncationFromEitherEndIsPersisted() throws IOException {
        LeaderEpochCache cache = LeaderEpochCache.load(dir);
        cache.assign(1, 0);
        cache.assign(2, 20);
        cache.assign(4, 50);
        cache.truncateFromEnd(50);
        assertEquals(List.of(new EpochEntry(1, 0), new EpochEntry(2, 20)), LeaderEpochCache.load(dir).entries());
        cache.truncateFromStart(25);
        assertEquals(List.of(new EpochEntry(2, 25)), LeaderEpochCache.load(dir).entries());
    }

    @Test
    void aTornOrLeftoverTemporaryFileNeverCorruptsTheCache() throws IOException {
        LeaderEpochCache cache = LeaderEpochCache.load(dir);
        cache.assign(1, 0);
        cache.assign(2, 7);
        // a crash while writing leaves a partial .tmp beside the intact file
        Files.writeString(dir.resolve(LeaderEpochCache.FILE_NAME + ".tmp"), "0\n3\n1 0\n", StandardCharsets.UTF_8);
        assertEquals(List.of(new EpochEntry(1, 0), new EpochEntry(2, 7)), LeaderEpochCache.load(dir).entries());
        // a malformed file (announces more entries than it has) reads as empty, not as a wrong cache
        Files.writeString(dir.resolve(LeaderEpochCache.FILE_NAME), "0\n3\n1 0\n", StandardCharsets.UTF_8);
        assertEquals(List.of(), LeaderEpochCache.load(dir).entries());
    }
}
