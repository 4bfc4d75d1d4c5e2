package io.samsa.benchmarks.sidebyside;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The side-by-side command line: {@code [--records N] [--record-size BYTES] [--heap SIZE]
 * [--brokers samsa,kafka] [--only PARTS | --skip PARTS] [--offsets N] [--rebalance-runs N]
 * [--heartbeat-seconds N]}.
 *
 * <p>Immutable.
 *
 * @param records          records ProducerPerformance sends, and the consumer reads back
 * @param recordSizeBytes  value size of each record
 * @param heap             -Xmx and -Xms of each broker JVM, in java's notation ({@code 1g}, {@code 768m})
 * @param brokers          which brokers to run, in order: "samsa", "kafka" or both
 * @param latencyRecords   records of the paced end-to-end latency run
 * @param parts            which parts to measure ({@link BenchmarkParts})
 * @param offsets          committed offsets of the reload part (a multiple of
 *                         {@link OffsetReloadRun#PARTITIONS}: that many partitions, offsets/partitions groups)
 * @param rebalanceRuns    joins measured per rebalance case; the table shows their median and mean
 * @param heartbeatSeconds measured duration of the heartbeat part (after a warm-up)
 */
public record SideBySideArgs(long records, int recordSizeBytes, String heap, List<String> brokers, int latencyRecords,
                             BenchmarkParts parts, int offsets, int rebalanceRuns, int heartbeatSeconds) {
    public static final long DEFAULT_RECORDS = 2_000_000;
    public static final int DEFAULT_RECORD_SIZE_BYTES = 100;
    public static final String DEFAULT_HEAP = "1g";
    public static final int DEFAULT_LATENCY_RECORDS = 20_000;
    public static final int DEFAULT_OFFSETS = 1_000_000;
    public static final int DEFAULT_REBALANCE_RUNS = 3;
    public static final int DEFAULT_HEARTBEAT_SECONDS = 10;
    public static final String USAGE = "Usage: SideBySide [--records N (default " + DEFAULT_RECORDS + ")]"
        + " [--record-size BYTES (default " + DEFAULT_RECORD_SIZE_BYTES + ")]"
        + " [--heap SIZE (default " + DEFAULT_HEAP + ")] [--brokers samsa,kafka]"
        + " [--latency-records N (default " + DEFAULT_LATENCY_RECORDS + ")]"
        + " [--only PARTS | --skip PARTS (parts: " + String.join(",", BenchmarkParts.ALL) + ")]"
        + " [--offsets N (default " + DEFAULT_OFFSETS + ")] [--rebalance-runs N (default " + DEFAULT_REBALANCE_RUNS + ")]"
        + " [--heartbeat-seconds N (default " + DEFAULT_HEARTBEAT_SECONDS + ")]";
    private static final List<String> KNOWN_BROKERS = List.of("samsa", "kafka");

    public SideBySideArgs {
        if (records < 1) {
            throw new IllegalArgumentException("--records must be at least 1, got " + records);
        }
        if (latencyRecords < 1) {
            throw new IllegalArgumentException("--latency-records must be at least 1, got " + latencyRecords);
        }
        if (recordSizeBytes < 1) {
            throw new IllegalArgumentException("--record-size must be at least 1, got " + recordSizeBytes);
        }
        if (!heap.matches("[0-9]+[kKmMgG]?")) {
            throw new IllegalArgumentException("--heap must look like 1g or 768m, got '" + heap + "'");
        }
        if (brokers.isEmpty()) {
            throw new IllegalArgumentException("--brokers needs at least one of " + KNOWN_BROKERS);
        }
        for (String broker : brokers) {
            if (!KNOWN_BROKERS.contains(broker)) {
                throw new IllegalArgumentException("--brokers: unknown broker '" + broker + "', expected " + KNOWN_BROKERS);
            }
        }
        brokers = List.copyOf(brokers);
        if (offsets < OffsetReloadRun.PARTITIONS || offsets % OffsetReloadRun.PARTITIONS != 0) {
            throw new IllegalArgumentException("--offsets must be a positive multiple of " + OffsetReloadRun.PARTITIONS
                + ", got " + offsets);
        }
        if (rebalanceRuns < 1) {
            throw new IllegalArgumentException("--rebalance-runs must be at least 1, got " + rebalanceRuns);
        }
        if (heartbeatSeconds < 1) {
            throw new IllegalArgumentException("--heartbeat-seconds must be at least 1, got " + heartbeatSeconds);
        }
    }

    /** @throws IllegalArgumentException with the usage line when the arguments do not parse */
    public static SideBySideArgs parse(String... args) {
        long records = DEFAULT_RECORDS;
        int recordSizeBytes = DEFAULT_RECORD_SIZE_BYTES;
        String heap = DEFAULT_HEAP;
        List<String> brokers = KNOWN_BROKERS;
        int latencyRecords = DEFAULT_LATENCY_RECORDS;
        BenchmarkParts parts = BenchmarkParts.all();
        int offsets = DEFAULT_OFFSETS;
        int rebalanceRuns = DEFAULT_REBALANCE_RUNS;
        int heartbeatSeconds = DEFAULT_HEARTBEAT_SECONDS;
        try {
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(flag + " needs a value");
                }
                String value = args[++i];
                switch (flag) {
                    case "--records" -> records = Long.parseLong(value.replace("_", ""));
                    case "--record-size" -> recordSizeBytes = Integer.parseInt(value);
                    case "--heap" -> heap = value;
                    case "--brokers" -> brokers = splitBrokers(value);
                    case "--latency-records" -> latencyRecords = Integer.parseInt(value.replace("_", ""));
                    case "--only" -> parts = BenchmarkParts.only(value);
                    case "--skip" -> parts = BenchmarkParts.skip(value);
                    case "--offsets" -> offsets = Integer.parseInt(value.replace("_", ""));
                    case "--rebalance-runs" -> rebalanceRuns = Integer.parseInt(value);
                    case "--heartbeat-seconds" -> heartbeatSeconds = Integer.parseInt(value);
                    default -> throw new IllegalArgumentException("unknown flag '" + flag + "'");
                }
            }
            return new SideBySideArgs(records, recordSizeBytes, heap, brokers, latencyRecords, parts, offsets,
                rebalanceRuns, heartbeatSeconds);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + e.getMessage() + ". " + USAGE, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + ". " + USAGE, e);
        }
    }

    private static List<String> splitBrokers(String value) {
        List<String> names = new ArrayList<>();
        for (String name : value.split(",")) {
            if (!name.isBlank()) {
                names.add(name.trim().toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    /** The JVM options both brokers get: the same heap and collector, as kafka-server-start.sh sets them. */
    public List<String> brokerJvmArgs() {
        return List.of("-Xmx" + heap, "-Xms" + heap, "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20");
    }
}
