package io.samsa.broker.interop.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One record as a group consumer reported it (partition, offset, value), and the checks the group
 * tests make on what a set of consumers read: all of a topic exactly once, split between them.
 *
 * <p>Immutable.
 */
record Consumed(int partition, long offset, String value) {

    /** Parses a {@code partition:offset:value} line; the value may itself contain ':'. */
    static Consumed parse(String line) {
        String[] parts = line.split(":", 3);
        if (parts.length != 3) {
            throw new AssertionError("not a partition:offset:value line: '" + line + "'");
        }
        return new Consumed(Integer.parseInt(parts[0].trim()), Long.parseLong(parts[1].trim()), parts[2]);
    }

    static List<Consumed> parseAll(Collection<String> lines) {
        List<Consumed> parsed = new ArrayList<>(lines.size());
        lines.forEach(line -> parsed.add(parse(line)));
        return parsed;
    }

    /** @return how many distinct (partition, offset) pairs {@code records} holds */
    static long distinct(Collection<Consumed> records) {
        return records.stream().map(record -> record.partition() + "@" + record.offset()).distinct().count();
    }

    /**
     * Asserts that the consumers together read every record {@link TopicRecords#produce} wrote (indexes 0
     * to perPartition-1, at offsets equal to their index) exactly once, whichever consumer owned the
     * partition at the time (partitions may move between them).
     */
    static void assertReadOnce(String topic, int partitions, int perPartition, Map<String, List<Consumed>> byConsumer) {
        Map<String, String> readers = new java.util.HashMap<>();
        byConsumer.forEach((member, records) -> records.forEach(record -> {
            String other = readers.put(record.partition() + "@" + record.offset(), member);
            assertTrue(other == null, record + " read by " + other + " and " + member);
            assertEquals(TopicRecords.value(topic, record.partition(), (int) record.offset()), record.value());
        }));
        assertEquals(partitions * perPartition, readers.size(), "records read");
    }

    /**
     * Asserts that the consumers together read every record {@link TopicRecords#produce} wrote (indexes
     * 0 to perPartition-1, at offsets equal to their index), none twice, and that no partition was read by
     * two consumers.
     */
    static void assertSplitExactly(String topic, int partitions, int perPartition, Map<String, List<Consumed>> byConsumer) {
        Set<String> seen = new HashSet<>();
        Map<Integer, String> readerOfPartition = new java.util.HashMap<>();
        for (Map.Entry<String, List<Consumed>> entry : byConsumer.entrySet()) {
            for (Consumed record : entry.getValue()) {
                assertTrue(seen.add(record.partition() + "@" + record.offset()), entry.getKey() + " read a record twice: " + record);
                assertEquals(TopicRecords.value(topic, record.partition(), (int) record.offset()), record.value(),
                        entry.getKey() + " read a wrong value");
                String other = readerOfPartition.putIfAbsent(record.partition(), entry.getKey());
                assertTrue(other == null || other.equals(entry.getKey()),
                        "partition " + record.partition() + " read by both " + other + " and " + entry.getKey());
            }
        }
        Set<String> missing = new TreeSet<>();
        for (int partition = 0; partition < partitions; partition++) {
            for (int offset = 0; offset < perPartition; offset++) {
                if (!seen.contains(partition + "@" + offset)) {
                    missing.add(partition + "@" + offset);
                }
            }
        }
        assertTrue(missing.isEmpty(), "never read: " + missing);
        assertEquals((long) partitions * perPartition, seen.size(), "read records beyond those produced");
    }
}
