package io.samsa.storage;

import java.nio.file.Path;

/**
 * Names of a segment's files: the base offset as 20 zero-padded digits plus a suffix, so a
 * directory listing sorts by offset ({@code 00000000000000001234.log}).
 */
final class SegmentFiles {
    static final String LOG_SUFFIX = ".log";
    static final String INDEX_SUFFIX = ".index";
    static final String TIME_INDEX_SUFFIX = ".timeindex";
    static final String TXN_INDEX_SUFFIX = ".txnindex";
    /** A producer-state snapshot, named by the offset it covers up to (Kafka's {@code <offset>.snapshot}). */
    static final String SNAPSHOT_SUFFIX = ".snapshot";
    /** A compacted copy being written; deleted at start-up. */
    static final String CLEANED_SUFFIX = ".cleaned";
    /** A segment waiting for its delayed deletion; deleted at start-up. */
    static final String DELETED_SUFFIX = ".deleted";

    private SegmentFiles() {
    }

    static String baseName(long baseOffset) {
        return String.format("%020d", baseOffset);
    }

    static Path log(Path dir, long baseOffset) {
        return dir.resolve(baseName(baseOffset) + LOG_SUFFIX);
    }

    static Path offsetIndex(Path dir, long baseOffset) {
        return dir.resolve(baseName(baseOffset) + INDEX_SUFFIX);
    }

    static Path timeIndex(Path dir, long baseOffset) {
        return dir.resolve(baseName(baseOffset) + TIME_INDEX_SUFFIX);
    }

    static Path txnIndex(Path dir, long baseOffset) {
        return dir.resolve(baseName(baseOffset) + TXN_INDEX_SUFFIX);
    }

    static Path snapshot(Path dir, long offset) {
        return dir.resolve(baseName(offset) + SNAPSHOT_SUFFIX);
    }

    /** @return the offset named by a {@code .snapshot} file, or -1 when the name is not one */
    static long offsetOfSnapshot(String fileName) {
        return offsetNamed(fileName, SNAPSHOT_SUFFIX);
    }

    static Path withSuffix(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }

    /** @return the base offset named by a {@code .log} file, or -1 when the name is not one */
    static long baseOffsetOfLog(String fileName) {
        return offsetNamed(fileName, LOG_SUFFIX);
    }

    /** @return the offset named by {@code <20 digits><suffix>}, or -1 when the name is not one */
    private static long offsetNamed(String fileName, String suffix) {
        if (!fileName.endsWith(suffix) || fileName.length() != 20 + suffix.length()) {
            return -1;
        }
        try {
            return Long.parseLong(fileName.substring(0, 20));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
