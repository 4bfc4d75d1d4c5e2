package io.samsa.protocol.message;

/**
 * A closed range of protocol versions as written in Kafka's JSON message specs: {@code "0+"},
 * {@code "3-7"}, {@code "5"} or {@code "none"}. Immutable.
 */
record VersionRange(short lowest, short highest) {
    static final VersionRange NONE = new VersionRange((short) 1, (short) 0);
    static final VersionRange ALL = new VersionRange((short) 0, Short.MAX_VALUE);

    static VersionRange parse(String text) {
        if (text == null) {
            return NONE;
        }
        String trimmed = text.trim();
        if (trimmed.equals("none")) {
            return NONE;
        }
        if (trimmed.endsWith("+")) {
            return new VersionRange(Short.parseShort(trimmed.substring(0, trimmed.length() - 1)), Short.MAX_VALUE);
        }
        int dash = trimmed.indexOf('-');
        if (dash > 0) {
            return new VersionRange(Short.parseShort(trimmed.substring(0, dash)), Short.parseShort(trimmed.substring(dash + 1)));
        }
        short only = Short.parseShort(trimmed);
        return new VersionRange(only, only);
    }

    boolean contains(short version) {
        return version >= lowest && version <= highest;
    }

    boolean isEmpty() {
        return lowest > highest;
    }

    VersionRange intersect(VersionRange other) {
        return new VersionRange((short) Math.max(lowest, other.lowest), (short) Math.min(highest, other.highest));
    }

    @Override
    public String toString() {
        return isEmpty() ? "none" : lowest + "-" + highest;
    }
}
