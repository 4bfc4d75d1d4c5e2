package io.samsa.benchmarks.sidebyside;

import java.util.List;

/**
 * What the cluster mode measured on one side. Immutable.
 *
 * @param cluster   "Samsa" or "Kafka"
 * @param produce   ProducerPerformance with acks=all (null when it failed before)
 * @param endToEnd  the paced end-to-end latency with acks=all (null when it failed before)
 * @param memory    the nodes' resident memory added up, after produce and latency
 * @param failovers one entry per failover run
 * @param failure   why the run stopped, or null when it completed
 */
record ClusterRunResult(String cluster, ProducerPerfResult produce, EndToEndLatencyRun.Latency endToEnd,
                        ProcessMemory memory, List<FailoverRun.Failover> failovers, String failure) {

    ClusterRunResult {
        failovers = List.copyOf(failovers);
    }

    static ClusterRunResult failed(String cluster, String failure) {
        return new ClusterRunResult(cluster, null, null, null, List.of(), failure);
    }

    boolean ok() {
        return failure == null;
    }

    /** The median failover time in ms, or null when no failover ran. */
    Double medianFailoverMs() {
        if (failovers.isEmpty()) {
            return null;
        }
        long[] ms = failovers.stream().mapToLong(FailoverRun.Failover::failoverMs).sorted().toArray();
        return (double) ms[ms.length / 2];
    }
}
