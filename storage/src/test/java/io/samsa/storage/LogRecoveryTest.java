package io.samsa.storage;

import io.samsa.protocol.record.RecordBatch;
import io.samsa.protocol.util.ManualTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Crash tests: each damaged directory must reopen as exactly its valid prefix, offsets continuing from it. */
class LogRecoveryTest {
    private static final TopicPartition TP = new TopicPartition("crash-topic", 7);
    private static final LogConfig CONFIG = LogConfig.fromMap(Map.of(
            LogConfig.SEGMENT_BYTES, "700", LogConfig.INDEX_INTERVAL_BYTES, "100",
            LogConfig.SEGMENT_INDEX_BYTES, "1200"));

    @TempDir(factory = MemoryTempDirFactory.class)
    Path tmp;
    private final ManualTime time = new ManualTime();

    /** Builds the pristine log: 12 batches of 1-3 records over several segments; returns each batch's records. */
    private List<List<String>> writePristine(Path dir, boolean cleanClose) {
        return writePristine(dir, cleanClose, false);
    }

    private List<List<String>> writePristine(Path dir, boolean cleanClose, boolean lastBatchAlone) {
        PartitionLog log = PartitionLog.open(dir, TP, CONFIG, time);
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            if (lastBatchAlone && i == 11) {
                log.roll();
            }
            List<String> values = new ArrayList<>();
            for (int r = 0; r <= i % 3; r++) {
                values.add("batch" + i + "-record" + r + "-" + "x".repeat(i * 7));
            }
            log.append(TestBatches.values(time.milliseconds(), values.toArray(String[]::new)));
            batches.add(values);
            time.advance(5);
        }
        assertTrue(log.segmentCount() >= 3, "several segments");
        if (cleanClose) {
            log.close();
        } else {
            log.closeUncleanly();
        }
        return batches;
    }

    private static List<String> flatten(List<List<String>> batches, int count) {
        return batches.subList(0, count).stream().flatMap(List::stream).toList();
    }

    private Path lastSegment(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".log")).max(Comparator.naturalOrder()).orElseThrow();
        }
    }

    /** Reopens the damaged copy and checks it holds exactly the first {@code validBatches} batches. */
    private void assertReopensAsPrefix(Path dir, List<List<String>> batches, int validBatches) {
        List<String> expected = flatten(batches, validBatches);
        PartitionLog log = PartitionLog.open(dir, TP, CONFIG, time);
        try {
            assertEquals(expected.size(), log.logEndOffset(), "log end offset");
            List<TestBatches.Decoded> records = TestBatches.readAll(log);
            assertEquals(expected, records.stream().map(TestBatches.Decoded::value).toList());
            for (int i = 0; i < records.size(); i++) {
                assertEquals(i, records.get(i).offset());
            }
            for (long offset = 0; offset < expected.size(); offset++) {
                assertFalse(log.read(offset, 1).isEmpty(), "readable at " + offset);
            }
            AppendInfo next = log.append(TestBatches.values(time.milliseconds(), "after-crash"));
            assertEquals(expected.size(), next.firstOffset(), "offsets continue from the valid prefix");
            log.close();
        } catch (RuntimeException | AssertionError e) {
            log.closeUncleanly();
            throw e;
        }
        PartitionLog again = PartitionLog.open(dir, TP, CONFIG, time);
        assertEquals(expected.size() + 1, again.logEndOffset());
        assertEquals("after-crash", TestBatches.readAll(again).get(expected.size()).value());
        again.close();
    }

    private static void copyDir(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }

    private static void appendBytes(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes, StandardOpenOption.APPEND);
    }

    private static int lastBatchSize(Path segment) throws IOException {
        try (FileChannel channel = FileChannel.open(segment)) {
            BatchScanner scanner = new BatchScanner(channel, 0, channel.size(), 0, true, 4096);
            int size = 0;
            RecordBatch batch;
            while ((batch = scanner.next()) != null) {
                size = batch.sizeInBytes();
            }
            return size;
        }
    }

    @Test
    void lastBatchCutAtEveryBytePosition() throws IOException {
        Path pristine = tmp.resolve("pristine");
        List<List<String>> batches = writePristine(pristine, false);
        int lastSize = lastBatchSize(lastSegment(pristine));
        for (int cut = 0; cut < lastSize; cut++) {
            Path copy = tmp.resolve("cut-" + cut);
            copyDir(pristine, copy);
            Path segment = lastSegment(copy);
            try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
                channel.truncate(channel.size() - lastSize + cut);
            }
            assertReopensAsPrefix(copy, batches, 11);
        }
        assertReopensAsPrefix(pristine, batches, 12);
    }

    @Test
    void cuttingTheOnlyBatchOfTheLastSegmentLeavesItEmptyAndAppendable() throws IOException {
        Path pristine = tmp.resolve("alone");
        List<List<String>> batches = writePristine(pristine, false, true);
        Path segment = lastSegment(pristine);
        long size = Files.size(segment);
        assertEquals(size, lastBatchSize(segment), "the last segment holds one batch");
        for (int cut = 0; cut < size; cut += 7) {
            Path copy = tmp.resolve("alone-" + cut);
            copyDir(pristine, copy);
            try (FileChannel channel = FileChannel.open(lastSegment(copy), StandardOpenOption.WRITE)) {
                channel.truncate(cut);
            }
            assertReopensAsPrefix(copy, batches, 11);
        }
    }

    @Test
    void randomGarbageAppendedIsDropped() throws IOException {
        Path pristine = tmp.resolve("pristine");
        List<List<String>> batches = writePristine(pristine, false);
        Random random = new Random(42);
        for (int trial = 0; trial < 40; trial++) {
            Path copy = tmp.resolve("garbage-" + trial);
            copyDir(pristine, copy);
            byte[] garbage = new byte[1 + random.nextInt(300)];
            random.nextBytes(garbage);
            appendBytes(lastSegment(copy), garbage);
            assertReopensAsPrefix(copy, batches, 12);
        }
    }

    @Test
    void zeroFilledTailOfAPreallocatedFileIsDropped() throws IOException {
        Path pristine = tmp.resolve("pristine");
        List<List<String>> batches = writePristine(pristine, false);
        for (int zeros : new int[] {1, 11, 12, 61, 4096}) {
            Path copy = tmp.resolve("zeros-" + zeros);
            copyDir(pristine, copy);
            appendBytes(lastSegment(copy), new byte[zeros]);
            assertReopensAsPrefix(copy, batches, 12);
        }
    }

    @Test
    void aCorruptBatchInsideTheLogTruncatesThereAndLogsIt() throws IOException {
        Path dir = tmp.resolve("flip");
        List<List<String>> batches = writePristine(dir, false);
        // flip one byte inside the 5th batch: its CRC fails, so batches 5.. are dropped
        long offsetOfFifth = flatten(batches, 4).size();
        PartitionLog reader = PartitionLog.open(copyOf(dir), TP, CONFIG, time);
        long position = reader.read(offsetOfFifth, 1).position();
        long base = reader.segmentBaseOffsets().stream().filter(b -> b <= offsetOfFifth).max(Long::compare).orElseThrow();
        reader.closeUncleanly();
        Path segment = SegmentFiles.log(dir, base);
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, position + RecordBatch.RECORDS_OFFSET + 3);
            one.put(0, (byte) (one.get(0) ^ 0x5a)).rewind();
            channel.write(one, position + RecordBatch.RECORDS_OFFSET + 3);
        }
        String logged = captureStderr(() -> assertReopensAsPrefix(dir, batches, 4));
        assertTrue(logged.contains("topic crash-topic, partition 7) at offset " + offsetOfFifth), logged);
        assertTrue(logged.contains("dropped"), logged);
    }

    private Path copyOf(Path dir) throws IOException {
        Path copy = tmp.resolve(dir.getFileName() + "-copy");
        copyDir(dir, copy);
        return copy;
    }

    @Test
    void corruptOrMissingIndexesAreRebuiltAfterACleanShutdown() throws IOException {
        Path pristine = tmp.resolve("pristine");
        List<List<String>> batches = writePristine(pristine, true);
        List<Path> indexes;
        try (Stream<Path> files = Files.list(pristine)) {
            indexes = files.filter(p -> p.toString().endsWith(".index") || p.toString().endsWith(".timeindex")).sorted().toList();
        }
        for (Path index : indexes) {
            if (Files.size(index) == 0) {
                continue;
            }
            Path missing = tmp.resolve("missing-" + index.getFileName());
            copyDir(pristine, missing);
            Files.delete(missing.resolve(index.getFileName()));
            assertReopensAsPrefix(missing, batches, 12);

            Path corrupt = tmp.resolve("corrupt-" + index.getFileName());
            copyDir(pristine, corrupt);
            byte[] bytes = Files.readAllBytes(corrupt.resolve(index.getFileName()));
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (0x7f - i);
            }
            Files.write(corrupt.resolve(index.getFileName()), bytes);
            assertReopensAsPrefix(corrupt, batches, 12);

            Path torn = tmp.resolve("torn-" + index.getFileName());
            copyDir(pristine, torn);
            appendBytes(torn.resolve(index.getFileName()), new byte[3]);
            assertReopensAsPrefix(torn, batches, 12);
        }
    }

    @Test
    void timestampSearchWorksAfterIndexRebuild() throws IOException {
        Path dir = tmp.resolve("ts");
        List<List<String>> batches = writePristine(dir, true);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.toString().endsWith("index")).toList()) {
                Files.delete(file);
            }
        }
        PartitionLog log = PartitionLog.open(dir, TP, CONFIG, time);
        long firstTs = TestBatches.readAll(log).get(0).timestampMs();
        long offsetOfSixth = flatten(batches, 5).size();
        assertEquals(offsetOfSixth, log.offsetForTimestamp(firstTs + 5 * 5).orElseThrow().offset());
        log.close();
    }

    private static String captureStderr(Runnable body) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
