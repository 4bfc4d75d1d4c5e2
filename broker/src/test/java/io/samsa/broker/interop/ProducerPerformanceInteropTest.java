package io.samsa.broker.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka's own load tool, {@code org.apache.kafka.tools.ProducerPerformance} (kafka-tools 4.1, test
 * scope), run in a child JVM to completion against our broker; every record it sent must be in
 * the log. The child JVM keeps the tool's exit calls away from the test JVM.
 */
class ProducerPerformanceInteropTest {
    private static final int RECORDS = 50_000;
    private static final Duration TOOL_DEADLINE = Duration.ofSeconds(90);
    private static final Pattern SUMMARY = Pattern.compile("^(\\d+) records sent, ([\\d.]+) records/sec");

    @TempDir
    Path dataDir;

    @Test
    void runsToCompletionAndEveryRecordIsAppended() throws Exception {
        try (InteropBroker broker = InteropBroker.start(dataDir)) {
            String topic = "perf";
            JavaOracle.createTopic(broker.bootstrap(), topic, 2);
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-cp", System.getProperty("java.class.path"), "org.apache.kafka.tools.ProducerPerformance",
                    "--topic", topic, "--num-records", String.valueOf(RECORDS), "--record-size", "100", "--throughput", "-1",
                    "--producer-props", "bootstrap.servers=" + broker.bootstrap(), "acks=1"));
            ToolProcess.Result result = ToolProcess.run(command, new byte[0], TOOL_DEADLINE).requireSuccess();

            Matcher summary = summaryLine(result);
            assertEquals(RECORDS, Integer.parseInt(summary.group(1)), "records the tool reports sent:\n" + result);
            System.out.println("ProducerPerformance against Samsa: " + summary.group(0));
            List<KeyedRecord> appended = JavaOracle.readAll(broker.bootstrap(), topic);
            assertEquals(RECORDS, appended.size(), "records in the log");
            assertContiguousOffsets(appended);
        }
    }

    /** The tool prints a line per reporting window, then the final summary with percentiles: the last match. */
    private static Matcher summaryLine(ToolProcess.Result result) {
        Matcher last = null;
        for (String line : result.lines()) {
            Matcher m = SUMMARY.matcher(line.trim());
            if (m.find() && line.contains("50th")) {
                last = m;
            }
        }
        if (last == null) {
            throw new AssertionError("no final summary line in the tool's output:\n" + result);
        }
        return last;
    }

    /** Each partition holds offsets 0, 1, 2, ... without gaps: nothing lost, nothing doubled. */
    private static void assertContiguousOffsets(List<KeyedRecord> sortedByPartitionAndOffset) {
        int partition = -1;
        long next = 0;
        for (KeyedRecord record : sortedByPartitionAndOffset) {
            if (record.partition() != partition) {
                partition = record.partition();
                next = 0;
            }
            assertTrue(record.offset() == next, "expected offset " + next + " in partition " + partition + ", got " + record);
            next++;
        }
    }
}
