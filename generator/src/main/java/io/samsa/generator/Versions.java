package io.samsa.generator;

/**
 * An inclusive range of protocol versions, written {@code 3+}, {@code 0-9}, {@code 5} or {@code none}
 * in schema files. Immutable.
 */
record Versions(int lowest, int highest) {
    static final Versions NONE = new Versions(1, 0);
    static final Versions ALL = new Versions(0, Short.MAX_VALUE);

    static Versions parse(String text) {
        if (text.equals("none")) {
            return NONE;
        }
        try {
            if (text.endsWith("+")) {
                return new Versions(Integer.parseInt(text.substring(0, text.length() - 1)), Short.MAX_VALUE);
            }
            int dash = text.indexOf('-');
            if (dash < 0) {
                int version = Integer.parseInt(text);
                return new Versions(version, version);
            }
            Versions range = new Versions(Integer.parseInt(text.substring(0, dash)), Integer.parseInt(text.substring(dash + 1)));
            if (range.isEmpty()) {
                throw new IllegalArgumentException("empty version range " + text);
            }
            return range;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad version range '" + text + "'", e);
        }
    }

    boolean isEmpty() {
        return lowest > highest;
    }

    boolean contains(int version) {
        return version >= lowest && version <= highest;
    }

    boolean contains(Versions other) {
        return other.isEmpty() || (lowest <= other.lowest && highest >= other.highest);
    }

    Versions intersect(Versions other) {
        Versions result = new Versions(Math.max(lowest, other.lowest), Math.min(highest, other.highest));
        return result.isEmpty() ? NONE : result;
    }

    /**
     * A Java boolean expression over {@code var} that is true exactly for versions in this range,
     * given that the version is already known to lie in {@code context}: "true", "false", or the
     * one or two comparisons still needed.
     */
    String condition(String var, Versions context) {
        Versions within = intersect(context);
        if (within.isEmpty()) {
            return "false";
        }
        if (within.equals(context)) {
            return "true";
        }
        boolean checkLow = within.lowest > context.lowest;
        boolean checkHigh = within.highest < context.highest;
        String low = var + " >= " + within.lowest;
        String high = var + " <= " + within.highest;
        if (checkLow && checkHigh) {
            return within.lowest == within.highest ? var + " == " + within.lowest : low + " && " + high;
        }
        return checkLow ? low : high;
    }

    @Override
    public String toString() {
        if (isEmpty()) {
            return "none";
        }
        if (highest == Short.MAX_VALUE) {
            return lowest + "+";
        }
        return lowest == highest ? Integer.toString(lowest) : lowest + "-" + highest;
    }
}
