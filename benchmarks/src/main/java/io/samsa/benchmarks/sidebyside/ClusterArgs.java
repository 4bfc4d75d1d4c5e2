package io.samsa.benchmarks.sidebyside;

import java.util.List;
import java.util.Locale;

/**
 * The cluster mode's command line ({@code SideBySide --cluster ...}): {@code [--records N]
 * [--record-size BYTES] [--heap SIZE] [--brokers samsa,kafka] [--latency-records N] [--failovers N]
 * [--partitions N] [--nodes N]}.
 *
 * <p>Immutable.
 *
 * @param records         records ProducerPerformance sends (acks=all)
 * @param recordSizeBytes value size of each record
 * @param heap            -Xmx and -Xms of every node's JVM
 * @param brokers         which clusters to run, in order
 * @param latencyRecords  records of the paced end-to-end latency run (acks=all)
 * @param failovers       failover runs per cluster (kill -9 of a leader, then the node is restarted)
 * @param partitions      partitions of the produce topic (leaders spread over the nodes)
 * @param nodes           nodes per cluster, all in combined mode
 */
record ClusterArgs(long records, int recordSizeBytes, String heap, List<String> brokers, int latencyRecords,
                   int failovers, int partitions, int nodes) {
    static final String USAGE = "Usage: SideBySide --cluster [--records N (default 1000000)] [--record-size BYTES (100)]"
        + " [--heap SIZE (1g)] [--brokers samsa,kafka] [--latency-records N (20000)] [--failovers N (3)]"
        + " [--partitions N (3)] [--nodes N (3)]";

    ClusterArgs {
        if (records < 1 || recordSizeBytes < 1 || latencyRecords < 1 || failovers < 0 || partitions < 1 || nodes < 3) {
            throw new IllegalArgumentException("counts must be positive (failovers may be 0) and a cluster has at least"
                + " 3 nodes");
        }
        if (!heap.matches("[0-9]+[kKmMgG]?")) {
            throw new IllegalArgumentException("--heap must look like 1g or 768m, got '" + heap + "'");
        }
        for (String broker : brokers) {
            if (!broker.equals("samsa") && !broker.equals("kafka")) {
                throw new IllegalArgumentException("--brokers: unknown broker '" + broker + "'");
            }
        }
        brokers = List.copyOf(brokers);
    }

    /** @throws IllegalArgumentException with the usage line when the arguments do not parse */
    static ClusterArgs parse(String... args) {
        long records = 1_000_000;
        int recordSizeBytes = 100;
        String heap = "1g";
        List<String> brokers = List.of("samsa", "kafka");
        int latencyRecords = 20_000;
        int failovers = 3;
        int partitions = 3;
        int nodes = 3;
        try {
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(flag + " needs a value");
                }
                String value = args[++i].replace("_", "");
                switch (flag) {
                    case "--records" -> records = Long.parseLong(value);
                    case "--record-size" -> recordSizeBytes = Integer.parseInt(value);
                    case "--heap" -> heap = value;
                    case "--brokers" -> brokers = List.of(value.toLowerCase(Locale.ROOT).split(","));
                    case "--latency-records" -> latencyRecords = Integer.parseInt(value);
                    case "--failovers" -> failovers = Integer.parseInt(value);
                    case "--partitions" -> partitions = Integer.parseInt(value);
                    case "--nodes" -> nodes = Integer.parseInt(value);
                    default -> throw new IllegalArgumentException("unknown flag '" + flag + "'");
                }
            }
            return new ClusterArgs(records, recordSizeBytes, heap, brokers, latencyRecords, failovers, partitions, nodes);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + e.getMessage() + ". " + USAGE, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + ". " + USAGE, e);
        }
    }

    /** Every node's JVM options: the same heap and collector as the single-node comparison. */
    List<String> jvmArgs() {
        return List.of("-Xmx" + heap, "-Xms" + heap, "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20");
    }
}
