package io.samsa.broker.group.configs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The group config file: round trip, nothing saved yet, and a corrupt file refusing to load. */
class FileGroupConfigStoreTest {
    @TempDir
    Path dir;

    @Test
    void savedOverridesLoadBackAndAnAbsentFileIsEmpty() {
        FileGroupConfigStore store = new FileGroupConfigStore(dir);
        assertTrue(store.load().isEmpty());
        Map<String, Map<String, String>> saved = Map.of("g-ü", Map.of("consumer.session.timeout.ms", "50000",
                "share.auto.offset.reset", "earliest"), "other", Map.of("streams.num.standby.replicas", "1"));
        store.save(saved);
        assertEquals(saved, new FileGroupConfigStore(dir).load());
        assertTrue(Files.notExists(dir.resolve(FileGroupConfigStore.FILE_NAME + ".tmp")), "the staging file is renamed away");
    }

    @Test
    void aTruncatedFileFailsTheLoad() throws Exception {
        new FileGroupConfigStore(dir).save(Map.of("g", Map.of("consumer.session.timeout.ms", "50000")));
        Path file = dir.resolve(FileGroupConfigStore.FILE_NAME);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 3));
        assertThrows(UncheckedIOException.class, () -> new FileGroupConfigStore(dir).load());
    }
}
