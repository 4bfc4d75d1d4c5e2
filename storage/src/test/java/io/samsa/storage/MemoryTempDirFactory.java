package io.samsa.storage;

import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Temporary directories on tmpfs ({@code /dev/shm}) when the machine has it, so tests that reopen a
 * log hundreds of times check the recovery logic without paying a real fsync each time. Falls back
 * to the default temporary directory elsewhere.
 */
public final class MemoryTempDirFactory implements TempDirFactory {
    private static final Path SHM = Path.of("/dev/shm");

    @Override
    public Path createTempDirectory(AnnotatedElementContext elementContext, ExtensionContext extensionContext) throws Exception {
        if (Files.isDirectory(SHM) && Files.isWritable(SHM)) {
            return Files.createTempDirectory(SHM, "samsa-storage-test");
        }
        return Files.createTempDirectory("samsa-storage-test");
    }
}
