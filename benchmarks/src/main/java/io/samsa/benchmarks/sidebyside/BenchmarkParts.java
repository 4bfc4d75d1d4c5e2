package io.samsa.benchmarks.sidebyside;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which parts of the side-by-side run to measure, from {@code --only a,b} or {@code --skip a,b}:
 * produce (ProducerPerformance), consume (ConsumerPerformance), latency (paced end-to-end),
 * rebalance (group Stable after a join), heartbeat (coordinator heartbeats/s), reload
 * (committed offsets reloaded at restart) and clients (Samsa's producer and consumer against
 * kafka-clients' on the same broker, {@link ClientBenchmarkRun}). Default: all of them.
 *
 * <p>Immutable.
 *
 * @param selected the parts to run, in {@link #ALL} order
 */
public record BenchmarkParts(List<String> selected) {
    public static final String PRODUCE = "produce";
    public static final String CONSUME = "consume";
    public static final String LATENCY = "latency";
    public static final String REBALANCE = "rebalance";
    public static final String HEARTBEAT = "heartbeat";
    public static final String RELOAD = "reload";
    public static final String CLIENTS = "clients";
    public static final List<String> ALL = List.of(PRODUCE, CONSUME, LATENCY, REBALANCE, HEARTBEAT, RELOAD, CLIENTS);

    public BenchmarkParts {
        if (selected.isEmpty()) {
            throw new IllegalArgumentException("no benchmark part left to run; parts are " + ALL);
        }
        selected = List.copyOf(selected);
    }

    public static BenchmarkParts all() {
        return new BenchmarkParts(ALL);
    }

    /** @param names comma-separated part names */
    public static BenchmarkParts only(String names) {
        Set<String> wanted = split("--only", names);
        return new BenchmarkParts(ALL.stream().filter(wanted::contains).toList());
    }

    /** @param names comma-separated part names */
    public static BenchmarkParts skip(String names) {
        Set<String> unwanted = split("--skip", names);
        return new BenchmarkParts(ALL.stream().filter(part -> !unwanted.contains(part)).toList());
    }

    public boolean contains(String part) {
        return selected.contains(part);
    }

    /** @return whether anything but the client comparison runs, i.e. whether the broker table has rows */
    public boolean anyBrokerPart() {
        return selected.stream().anyMatch(part -> !part.equals(CLIENTS));
    }

    private static Set<String> split(String flag, String names) {
        Set<String> parts = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String name : names.split(",")) {
            String part = name.trim().toLowerCase(Locale.ROOT);
            if (part.isEmpty()) {
                continue;
            }
            if (!ALL.contains(part)) {
                unknown.add(part);
            }
            parts.add(part);
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(flag + ": unknown part(s) " + unknown + ", expected " + ALL);
        }
        return parts;
    }

    @Override
    public String toString() {
        return String.join(",", selected);
    }
}
