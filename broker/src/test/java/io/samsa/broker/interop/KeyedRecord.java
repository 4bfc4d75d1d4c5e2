package io.samsa.broker.interop;

import java.util.ArrayList;
import java.util.List;

/**
 * One record as a client sees it: partition, offset, key and value as text. The interop tools
 * print records as {@code partition:offset:key:value} lines, which {@link #parse} reads back.
 *
 * <p>Immutable.
 */
record KeyedRecord(int partition, long offset, String key, String value) {

    /** Parses a {@code partition:offset:key:value} line; the value may itself contain ':'. */
    static KeyedRecord parse(String line) {
        String[] parts = line.split(":", 4);
        if (parts.length != 4) {
            throw new AssertionError("not a partition:offset:key:value line: '" + line + "'");
        }
        return new KeyedRecord(Integer.parseInt(parts[0]), Long.parseLong(parts[1]), parts[2], parts[3]);
    }

    /** @return every line parsed */
    static List<KeyedRecord> parseAll(List<String> lines) {
        List<KeyedRecord> records = new ArrayList<>(lines.size());
        for (String line : lines) {
            records.add(parse(line));
        }
        return records;
    }
}
