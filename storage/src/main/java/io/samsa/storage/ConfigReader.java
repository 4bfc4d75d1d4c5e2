package io.samsa.storage;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads typed values out of a string map, checking ranges and remembering which keys were read so
 * the caller can reject unknown ones. Not thread-safe; used once per config construction.
 */
final class ConfigReader {
    private final Map<String, String> props;
    private final Set<String> read = new HashSet<>();

    ConfigReader(Map<String, String> props) {
        this.props = props;
    }

    boolean wasRead(String key) {
        return read.contains(key);
    }

    long longAtLeast(String key, long defaultValue, long min) {
        read.add(key);
        String raw = props.get(key);
        if (raw == null) {
            return defaultValue;
        }
        long value;
        try {
            value = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(key, raw, "not a number");
        }
        if (value < min) {
            throw new ConfigException(key, raw, "must be at least " + min);
        }
        return value;
    }

    int intAtLeast(String key, int defaultValue, int min) {
        long value = longAtLeast(key, defaultValue, min);
        if (value > Integer.MAX_VALUE) {
            throw new ConfigException(key, props.get(key), "must be at most " + Integer.MAX_VALUE);
        }
        return (int) value;
    }

    double ratio(String key, double defaultValue) {
        read.add(key);
        String raw = props.get(key);
        if (raw == null) {
            return defaultValue;
        }
        double value;
        try {
            value = Double.parseDouble(raw.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(key, raw, "not a number");
        }
        if (!(value >= 0 && value <= 1)) {
            throw new ConfigException(key, raw, "must be between 0 and 1");
        }
        return value;
    }

    String string(String key, String defaultValue) {
        read.add(key);
        return props.getOrDefault(key, defaultValue);
    }
}
