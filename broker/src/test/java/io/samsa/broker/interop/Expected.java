package io.samsa.broker.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The records a test produces, in send order, and the check that a read-back got each of them
 * exactly once, in send order within each partition, keys and values intact. Values are unique
 * ({@code <tag>-v<index>-...}), so the position of a value in the send order identifies it.
 *
 * <p>Immutable.
 */
record Expected(List<String> keys, List<String> values) {

    /** {@code count} records over {@code distinctKeys} keys; values padded to about {@code valueBytes}. */
    static Expected generate(String tag, int count, int distinctKeys, int valueBytes) {
        List<String> keys = new ArrayList<>(count);
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            keys.add(tag + "-k" + (i % distinctKeys));
            StringBuilder value = new StringBuilder(tag + "-v" + i + "-");
            while (value.length() < valueBytes) {
                value.append((char) ('a' + (i + value.length()) % 26));
            }
            values.add(value.toString());
        }
        return new Expected(List.copyOf(keys), List.copyOf(values));
    }

    int size() {
        return values.size();
    }

    /** @return {@code key:value} lines, the input format of {@code kcat -P -K:} */
    String asKeyColonValueLines() {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < size(); i++) {
            lines.append(keys.get(i)).append(':').append(values.get(i)).append('\n');
        }
        return lines.toString();
    }

    /**
     * Asserts {@code read} holds every expected record exactly once, each key in one partition, and
     * within each partition offsets rising and records in send order.
     */
    void assertReadExactlyOnceInOrder(List<KeyedRecord> read, String reader) {
        assertEquals(size(), read.size(), reader + " read " + read.size() + " records, expected " + size());
        assertSubsequenceReadOnceInOrder(read, reader);
    }

    /**
     * Asserts every record in {@code read} was sent and appears once, each key in one partition, and
     * within each partition offsets rising and records in send order; records may be missing (sends
     * that were never acknowledged).
     */
    void assertSubsequenceReadOnceInOrder(List<KeyedRecord> read, String reader) {
        Map<String, Integer> sendIndex = new HashMap<>();
        for (int i = 0; i < size(); i++) {
            sendIndex.put(values.get(i), i);
        }
        boolean[] seen = new boolean[size()];
        Map<String, Integer> partitionOfKey = new HashMap<>();
        Map<Integer, KeyedRecord> lastInPartition = new HashMap<>();
        for (KeyedRecord record : read) {
            Integer index = sendIndex.get(record.value());
            assertTrue(index != null, reader + " read a value never sent: " + record);
            assertTrue(!seen[index], reader + " read a record twice: " + record);
            seen[index] = true;
            assertEquals(keys.get(index), record.key(), reader + " read a wrong key for " + record.value());
            Integer partition = partitionOfKey.putIfAbsent(record.key(), record.partition());
            assertTrue(partition == null || partition == record.partition(),
                    reader + ": key " + record.key() + " is in partitions " + partition + " and " + record.partition());
            KeyedRecord previous = lastInPartition.put(record.partition(), record);
            if (previous != null) {
                assertTrue(previous.offset() < record.offset(), reader + ": offsets not rising: " + previous + " then " + record);
                assertTrue(sendIndex.get(previous.value()) < index, reader + ": out of send order: " + previous + " then " + record);
            }
        }
    }
}
