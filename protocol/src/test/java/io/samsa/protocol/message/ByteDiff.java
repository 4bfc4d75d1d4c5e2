package io.samsa.protocol.message;

import java.util.HexFormat;

/** Describes where two encodings part ways, with hex context, for failure messages. Stateless. */
final class ByteDiff {
    private static final int CONTEXT_BYTES = 12;

    private ByteDiff() {
    }

    /** @return null when equal, else offset, lengths and the bytes around the first difference */
    static String firstDifference(byte[] expected, byte[] actual) {
        int common = Math.min(expected.length, actual.length);
        int offset = 0;
        while (offset < common && expected[offset] == actual[offset]) {
            offset++;
        }
        if (offset == common && expected.length == actual.length) {
            return null;
        }
        int from = Math.max(0, offset - CONTEXT_BYTES);
        return "first difference at byte " + offset + " (expected " + expected.length + " bytes, got " + actual.length
            + "); expected ..." + hex(expected, from, offset + CONTEXT_BYTES)
            + "... got ..." + hex(actual, from, offset + CONTEXT_BYTES) + "...";
    }

    private static String hex(byte[] bytes, int from, int to) {
        int end = Math.min(bytes.length, to);
        return from >= end ? "" : HexFormat.ofDelimiter(" ").formatHex(bytes, from, end);
    }
}
