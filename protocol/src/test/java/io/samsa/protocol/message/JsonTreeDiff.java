package io.samsa.protocol.message;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.TreeSet;

/**
 * Compares two message value trees and names the first difference by path. Numbers compare by
 * value whatever node class holds them (IntNode vs LongNode), binary by content whether held as
 * binary or base64 text. Stateless.
 */
final class JsonTreeDiff {
    private JsonTreeDiff() {
    }

    /** @return null when equal, else a description of the first difference */
    static String firstDifference(JsonNode expected, JsonNode actual) {
        return diff("$", expected, actual);
    }

    private static String diff(String path, JsonNode expected, JsonNode actual) {
        if (expected == null || actual == null) {
            return expected == actual ? null : path + ": expected " + expected + " but was " + actual;
        }
        if (expected.isObject() && actual.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String difference = diff(path + "." + name, expected.get(name), actual.get(name));
                if (difference != null) {
                    return difference;
                }
            }
            return null;
        }
        if (expected.isArray() && actual.isArray()) {
            if (expected.size() != actual.size()) {
                return path + ": expected " + expected.size() + " elements but was " + actual.size();
            }
            for (int i = 0; i < expected.size(); i++) {
                String difference = diff(path + "[" + i + "]", expected.get(i), actual.get(i));
                if (difference != null) {
                    return difference;
                }
            }
            return null;
        }
        return leafEquals(expected, actual) ? null : path + ": expected " + expected + " but was " + actual;
    }

    private static boolean leafEquals(JsonNode expected, JsonNode actual) {
        if (expected.isIntegralNumber() && actual.isIntegralNumber()) {
            return expected.bigIntegerValue().equals(actual.bigIntegerValue());
        }
        if (expected.isNumber() && actual.isNumber()) {
            return Double.compare(expected.doubleValue(), actual.doubleValue()) == 0;
        }
        if (expected.isBinary() || actual.isBinary()) {
            return (expected.isBinary() || expected.isTextual()) && (actual.isBinary() || actual.isTextual())
                && Arrays.equals(binary(expected), binary(actual));
        }
        return expected.equals(actual);
    }

    private static byte[] binary(JsonNode node) {
        try {
            return node.binaryValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
