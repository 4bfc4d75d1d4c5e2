package io.samsa.broker.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.protocol.ErrorCode;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopicStoreTest {
    @TempDir
    Path dir;

    @Test
    void aRestartedRegistrySeesTheSameTopicsIdsAndConfigs() {
        TopicRegistry first = new TopicRegistry(new TopicStore(dir), 100);
        Topic orders = first.create("orders", 3, Map.of("retention.ms", "1000", "cleanup.policy", "compact"));
        Topic offsets = first.create("__consumer_offsets", 50, Map.of());
        Topic gone = first.create("gone", 1, Map.of());
        first.addPartitions("orders", 6);
        first.delete(gone.id());

        TopicRegistry second = new TopicRegistry(new TopicStore(dir), 100);
        assertEquals(List.of(offsets, orders.withPartitionCount(6)), List.copyOf(second.topics()));
        assertEquals("orders", second.topic(orders.id()).orElseThrow().name());
        assertTrue(second.topic("__consumer_offsets").orElseThrow().internal());
        assertTrue(second.topic(gone.id()).isEmpty());
        TopicException exists = assertThrows(TopicException.class, () -> second.create("orders", 1, Map.of()));
        assertEquals(ErrorCode.TOPIC_ALREADY_EXISTS, exists.error());
    }

    @Test
    void anEmptyDirectoryIsAnEmptyRegistry() {
        assertTrue(new TopicStore(dir.resolve("not-yet")).load().isEmpty());
    }

    @Test
    void aTornTempFileFromACrashedSaveIsIgnoredAndReplaced() throws Exception {
        TopicRegistry first = new TopicRegistry(new TopicStore(dir), 100);
        Topic kept = first.create("kept", 2, Map.of());
        // A crash mid-save leaves a partial temp file next to the intact registry file.
        byte[] full = Files.readAllBytes(dir.resolve(TopicStore.FILE_NAME));
        Files.write(dir.resolve(TopicStore.TEMP_FILE_NAME), java.util.Arrays.copyOf(full, full.length / 2));

        TopicRegistry second = new TopicRegistry(new TopicStore(dir), 100);
        assertEquals(List.of(kept), List.copyOf(second.topics()));
        second.create("next", 1, Map.of());
        assertFalse(Files.exists(dir.resolve(TopicStore.TEMP_FILE_NAME)));
        assertEquals(2, new TopicStore(dir).load().size());
    }

    @Test
    void aCorruptRegistryFileStopsStartRatherThanForgettingTopics() throws Exception {
        Files.write(dir.resolve(TopicStore.FILE_NAME), new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff});
        assertThrows(UncheckedIOException.class, () -> new TopicStore(dir).load());
    }

    @Test
    void aFailedSaveLeavesTheRegistryUnchanged() throws Exception {
        TopicRegistry registry = new TopicRegistry(new TopicStore(dir), 100);
        registry.create("before", 1, Map.of());
        // A directory where the temp file should go makes the next save fail.
        Files.createDirectory(dir.resolve(TopicStore.TEMP_FILE_NAME));
        assertThrows(UncheckedIOException.class, () -> registry.create("after", 1, Map.of()));
        assertTrue(registry.topic("after").isEmpty());
        assertEquals(1, new TopicStore(dir).load().size());
    }
}
