package io.samsa.benchmarks.sidebyside;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The side-by-side cluster mode ({@code SideBySide --cluster ...}, see {@link ClusterArgs}): a
 * cluster of Samsa nodes against an Apache Kafka 4.1 KRaft cluster of as many nodes, every node in
 * combined mode and a child JVM with the same heap and collector, one cluster at a time.
 *
 * <p>On each: a topic of {@code --partitions} partitions with replication factor 3 and
 * {@code min.insync.replicas=2}; Kafka's {@code ProducerPerformance} with {@code acks=all}; the paced
 * end-to-end latency with {@code acks=all} on a one-partition topic of the same kind; the nodes'
 * resident memory added up; then {@code --failovers} times a kill -9 of a partition leader under an
 * acks=all producer ({@link FailoverRun}), the killed node restarted after each.
 *
 * <p>Single-threaded.
 */
final class ClusterSideBySide {
    private static final String TOPIC = "cluster-side-by-side";
    private static final String LATENCY_TOPIC = "cluster-side-by-side-latency";
    private static final short REPLICATION_FACTOR = 3;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(120);

    private ClusterSideBySide() {
    }

    static int run(String[] argv) {
        // a killed node makes every client print a connection warning per retry; the table is what matters
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka.clients.NetworkClient", "error");
        ClusterArgs args;
        try {
            args = ClusterArgs.parse(argv);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        System.out.printf(Locale.ROOT, "Side by side, cluster mode: %d nodes, %d records of %d bytes, acks=all, RF=%d,"
                + " min.insync.replicas=2, node JVM %s, %d cores%n", args.nodes(), args.records(), args.recordSizeBytes(),
            REPLICATION_FACTOR, String.join(" ", args.jvmArgs()), Runtime.getRuntime().availableProcessors());
        ClusterRunResult samsa = args.brokers().contains("samsa") ? measure("samsa", args) : null;
        ClusterRunResult kafka = args.brokers().contains("kafka") ? measure("kafka", args) : null;
        System.out.println();
        System.out.println(ClusterResultTable.render(samsa, kafka));
        boolean ok = (samsa == null || samsa.ok()) && (kafka == null || kafka.ok());
        return ok ? 0 : 1;
    }

    /** The settings both clusters get on top of the per-node ones; the rest are each broker's defaults. */
    static Map<String, String> clusterSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("num.partitions", "1");
        settings.put("num.network.threads", "3");
        settings.put("num.io.threads", "8");
        settings.put("log.segment.bytes", Integer.toString(1 << 30));
        settings.put("min.insync.replicas", "2");
        settings.put("group.initial.rebalance.delay.ms", "0");
        return settings;
    }

    private static ClusterRunResult measure(String which, ClusterArgs args) {
        String name = which.equals("samsa") ? "Samsa" : "Kafka";
        System.out.println("== " + name + ": starting a cluster of " + args.nodes());
        ClusterProcess cluster;
        try {
            cluster = which.equals("samsa")
                ? SamsaClusterProcess.start(args.nodes(), args.jvmArgs(), clusterSettings(), START_TIMEOUT)
                : KafkaClusterProcess.start(args.nodes(), args.jvmArgs(), clusterSettings(), START_TIMEOUT);
        } catch (RuntimeException e) {
            System.out.println(name + " failed to start: " + e.getMessage());
            return ClusterRunResult.failed(name, SideBySide.firstLine(e.getMessage()));
        }
        ProducerPerfResult produce = null;
        EndToEndLatencyRun.Latency endToEnd = null;
        ProcessMemory memory = null;
        List<FailoverRun.Failover> failovers = new ArrayList<>();
        try (cluster) {
            ClusterReady.awaitBrokers(cluster.bootstrapServers(), args.nodes(), START_TIMEOUT);
            Map<String, String> topicConfigs = Map.of("min.insync.replicas", "2");
            Topics.createReplicated(cluster.bootstrapServers(), TOPIC, args.partitions(), REPLICATION_FACTOR, topicConfigs,
                SETTLE_TIMEOUT);
            System.out.println("== " + name + " on " + cluster.bootstrapServers() + ": ProducerPerformance " + args.records()
                + " records, acks=all");
            produce = ProducerPerfRun.run(cluster.bootstrapServers(), TOPIC, args.records(), args.recordSizeBytes(), "all",
                300 + args.records() / 2_000);
            System.out.println("   " + produce);

            Topics.createReplicated(cluster.bootstrapServers(), LATENCY_TOPIC, 1, REPLICATION_FACTOR, topicConfigs,
                SETTLE_TIMEOUT);
            System.out.println("== " + name + ": end-to-end latency, " + args.latencyRecords() + " records, acks=all");
            endToEnd = EndToEndLatencyRun.run(cluster.bootstrapServers(), LATENCY_TOPIC, args.latencyRecords(),
                args.recordSizeBytes(), "all", Duration.ofSeconds(60 + args.latencyRecords() / 1_000));
            System.out.println("   " + endToEnd);
            memory = summedMemory(cluster);

            for (int run = 1; run <= args.failovers(); run++) {
                String topic = "cluster-side-by-side-failover-" + run;
                Topics.createReplicated(cluster.bootstrapServers(), topic, 1, REPLICATION_FACTOR, topicConfigs, SETTLE_TIMEOUT);
                System.out.println("== " + name + ": failover " + run + " of " + args.failovers());
                FailoverRun.Failover failover = FailoverRun.run(cluster, topic);
                System.out.println("   " + failover);
                failovers.add(failover);
                cluster.restart(failover.killedLeader(), START_TIMEOUT);
                ClusterReady.awaitBrokers(cluster.bootstrapServers(), args.nodes(), START_TIMEOUT);
            }
        } catch (RuntimeException e) {
            System.out.println(name + " run failed: " + e.getMessage());
            return new ClusterRunResult(name, produce, endToEnd, memory, failovers, SideBySide.firstLine(e.getMessage()));
        }
        return new ClusterRunResult(name, produce, endToEnd, memory, failovers, null);
    }

    private static ProcessMemory summedMemory(ClusterProcess cluster) {
        long rss = 0;
        long peak = 0;
        for (int id : cluster.nodeIds()) {
            ProcessMemory node = ProcessMemory.of(cluster.pid(id));
            rss += node.rssBytes();
            peak += node.peakRssBytes();
        }
        return new ProcessMemory(rss, peak);
    }
}
