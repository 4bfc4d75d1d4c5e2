package io.samsa.benchmarks.sidebyside;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Samsa side by side with Apache Kafka 4.1 on this machine:
 * {@code java -cp benchmarks/target/benchmarks.jar io.samsa.benchmarks.sidebyside.SideBySide [--records N]
 * [--record-size BYTES] [--heap SIZE] [--brokers samsa,kafka] [--only PARTS | --skip PARTS] [--offsets N]}
 * (see {@link SideBySideArgs}); {@code SideBySide --cluster ...} is the cluster mode ({@link ClusterSideBySide}).
 *
 * <p>For each broker in turn (never both at once): start it in a child JVM with the same heap, collector
 * and settings; create a one-partition topic; run Kafka's {@code ProducerPerformance} against it
 * ({@code acks=1}, unthrottled); read every record back with Kafka's {@code ConsumerPerformance}; the
 * paced end-to-end latency run; the group-coordinator parts ({@link RebalanceRun}, {@link HeartbeatRun});
 * read the broker's {@code VmHWM}/{@code VmRSS}; stop it and delete its data; then the offset reload
 * ({@link OffsetReloadRun}) on brokers of its own. Then print the table. A broker that fails is
 * reported as failed with its reason and the other is still measured. The clients part
 * ({@link ClientBenchmarkRun}: Samsa's producer and consumer against kafka-clients' on that broker)
 * runs after the memory reading and prints one more table per broker.
 *
 * <p>Single-threaded.
 */
public final class SideBySide {
    private static final String TOPIC = "side-by-side";
    private static final String LATENCY_TOPIC = "side-by-side-latency";
    private static final String REBALANCE_TOPIC = "side-by-side-rebalance";
    /** Group sizes (after the join) of the rebalance part. */
    static final int[] REBALANCE_MEMBERS = {10, 50};
    private static final Duration BROKER_START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration CONSUMER_STALL_TIMEOUT = Duration.ofSeconds(60);

    private SideBySide() {
    }

    public static void main(String[] argv) {
        // before the first logger exists: client INFO lines would bury the progress lines
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        if (argv.length > 0 && argv[0].equals("--cluster")) {
            System.exit(ClusterSideBySide.run(java.util.Arrays.copyOfRange(argv, 1, argv.length)));
            return;
        }
        SideBySideArgs args;
        try {
            args = SideBySideArgs.parse(argv);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.out.printf(Locale.ROOT, "Side by side: %d records of %d bytes, acks=1, broker JVM %s, %d cores%n",
            args.records(), args.recordSizeBytes(), String.join(" ", args.brokerJvmArgs()),
            Runtime.getRuntime().availableProcessors());
        List<ClientComparison> clients = new ArrayList<>();
        BrokerRunResult samsa = args.brokers().contains("samsa") ? measure("samsa", args, clients) : null;
        BrokerRunResult kafka = args.brokers().contains("kafka") ? measure("kafka", args, clients) : null;
        if (args.parts().anyBrokerPart()) {
            printBrokerTable(args, samsa, kafka);
        }
        clients.forEach(comparison -> System.out.println("\n" + ClientComparisonTable.render(comparison)));
        if (!clients.isEmpty()) {
            System.out.println("\n" + ClientComparisonTable.caption(args.records(), args.latencyRecords()));
        }
        System.exit(ok(samsa) && ok(kafka) && clients.stream().allMatch(ClientComparison::ok) ? 0 : 1);
    }

    private static void printBrokerTable(SideBySideArgs args, BrokerRunResult samsa, BrokerRunResult kafka) {
        System.out.println();
        System.out.println(ResultTable.render(samsa, kafka));
        System.out.println();
        System.out.println("send->ack latency: ProducerPerformance's, per record of the unthrottled run (acks=1)."
            + " e2e latency: consumer receive time - record CreateTime, separate run of " + args.latencyRecords()
            + " records paced at " + EndToEndLatencyRun.RECORDS_PER_SEC + "/s. MB = 2^20 bytes of record values.");
        System.out.println("rebalance: kafka-clients consumers (session.timeout.ms=" + RebalanceRun.SESSION_TIMEOUT_MS
            + ", heartbeat.interval.ms=" + RebalanceRun.HEARTBEAT_INTERVAL_MS + ") on a " + RebalanceRun.PARTITIONS
            + "-partition topic, median and mean of " + args.rebalanceRuns() + " joins, from the new member's subscribe until"
            + " every member holds its share of all partitions and DescribeGroups says Stable."
            + " heartbeats/s: " + HeartbeatRun.GROUPS + " groups x " + HeartbeatRun.MEMBERS_PER_GROUP + " members, "
            + HeartbeatRun.CONNECTIONS + " connections x " + HeartbeatRun.PIPELINE_DEPTH + " in flight, "
            + args.heartbeatSeconds() + " s after a warm-up. reload: " + args.offsets() + " offsets ("
            + args.offsets() / OffsetReloadRun.PARTITIONS + " groups x " + OffsetReloadRun.PARTITIONS
            + " partitions), from launching the broker process after a clean stop.");
    }

    private static boolean ok(BrokerRunResult result) {
        return result == null || result.ok();
    }

    /** The broker settings both sides get; everything else stays at each broker's defaults, which agree. */
    static Map<String, String> brokerSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("num.partitions", "1");
        settings.put("num.network.threads", "3");
        settings.put("num.io.threads", "8");
        settings.put("log.segment.bytes", Integer.toString(1 << 30));
        settings.put("auto.create.topics.enable", "true");
        // Group coordinator: no start-up delay before a new group's first rebalance (it would dominate the
        // rebalance part), and Kafka's default offsets topic size on both (the Kafka harness defaults to 1).
        settings.put("group.initial.rebalance.delay.ms", "0");
        settings.put("offsets.topic.num.partitions", "50");
        return settings;
    }

    /** @param clients receives the client comparison, when that part runs */
    private static BrokerRunResult measure(String which, SideBySideArgs args, List<ClientComparison> clients) {
        String name = which.equals("samsa") ? "Samsa" : "Kafka";
        System.out.println("== " + name + ": starting broker");
        BrokerProcess broker;
        try {
            broker = start(which, args, brokerSettings());
        } catch (RuntimeException e) {
            System.out.println(name + " failed to start: " + e.getMessage());
            return BrokerRunResult.failed(name, firstLine(e.getMessage()));
        }
        BenchmarkParts parts = args.parts();
        ProducerPerfResult produce = null;
        ConsumeResult consume = null;
        EndToEndLatencyRun.Latency endToEnd = null;
        ProcessMemory memory;
        ProcessMemory memoryAfterCoordinator = null;
        List<RebalanceResult> rebalances = new ArrayList<>();
        HeartbeatResult heartbeat = null;
        OffsetReloadResult reload = null;
        try (broker) {
            if (parts.contains(BenchmarkParts.PRODUCE)) {
                createTopic(broker.bootstrapServers(), TOPIC);
                System.out.println("== " + name + " on " + broker.bootstrapServers() + " (pid " + broker.pid()
                    + "): ProducerPerformance " + args.records() + " records");
                long produceTimeoutSeconds = 300 + args.records() / 5_000;
                produce = ProducerPerfRun.run(broker.bootstrapServers(), TOPIC, args.records(),
                    args.recordSizeBytes(), produceTimeoutSeconds);
                System.out.println("   " + produce);
            }
            if (parts.contains(BenchmarkParts.CONSUME) && produce != null) {
                System.out.println("== " + name + ": ConsumerPerformance from the beginning");
                consume = ConsumerPerfRun.run(broker.bootstrapServers(), TOPIC, "side-by-side-consumer-perf", args.records(),
                    CONSUMER_STALL_TIMEOUT.toMillis(), 300 + args.records() / 5_000);
                System.out.printf(Locale.ROOT, "   %d records in %.2f s%n", consume.records(), consume.elapsedNanos() / 1e9);
            } else if (parts.contains(BenchmarkParts.CONSUME)) {
                System.out.println("== " + name + ": consume skipped, it reads what the produce part wrote");
            }
            if (parts.contains(BenchmarkParts.LATENCY)) {
                System.out.println("== " + name + ": end-to-end latency, " + args.latencyRecords() + " records at "
                    + EndToEndLatencyRun.RECORDS_PER_SEC + "/s");
                createTopic(broker.bootstrapServers(), LATENCY_TOPIC);
                endToEnd = EndToEndLatencyRun.run(broker.bootstrapServers(), LATENCY_TOPIC,
                    args.latencyRecords(), args.recordSizeBytes(), Duration.ofSeconds(60 + args.latencyRecords() / 1_000));
                System.out.println("   " + endToEnd);
            }
            // the broker issue's RSS target is about the data plane: read before the coordinator parts
            memory = ProcessMemory.of(broker.pid());
            if (parts.contains(BenchmarkParts.REBALANCE)) {
                rebalances = rebalance(name, broker, args.rebalanceRuns());
            }
            if (parts.contains(BenchmarkParts.HEARTBEAT)) {
                System.out.println("== " + name + ": heartbeats for " + args.heartbeatSeconds() + " s");
                heartbeat = HeartbeatRun.run(broker.bootstrapServers(), args.heartbeatSeconds());
                System.out.println("   " + heartbeat);
            }
            if (parts.contains(BenchmarkParts.REBALANCE) || parts.contains(BenchmarkParts.HEARTBEAT)) {
                memoryAfterCoordinator = ProcessMemory.of(broker.pid());
            }
            if (parts.contains(BenchmarkParts.CLIENTS)) { // after the memory reading: its clients are not the table's
                clients.add(compareClients(name, broker, args));
            }
        } catch (RuntimeException e) {
            System.out.println(name + " run failed: " + e.getMessage());
            return BrokerRunResult.failed(name, firstLine(e.getMessage()));
        }
        if (parts.contains(BenchmarkParts.RELOAD)) {
            System.out.println("== " + name + ": reload of " + args.offsets() + " committed offsets at restart");
            try {
                reload = OffsetReloadRun.run(settings -> start(which, args, settings), brokerSettings(), args.offsets());
                System.out.println("   " + reload);
            } catch (RuntimeException e) {
                System.out.println(name + " reload run failed: " + e.getMessage());
                return BrokerRunResult.failed(name, firstLine(e.getMessage()));
            }
        }
        return BrokerRunResult.succeeded(name, produce, consume, endToEnd, memory,
            new CoordinatorResults(rebalances, heartbeat, reload, memoryAfterCoordinator));
    }

    private static BrokerProcess start(String which, SideBySideArgs args, Map<String, String> settings) {
        return which.equals("samsa")
            ? SamsaBrokerProcess.start(args.brokerJvmArgs(), settings, BROKER_START_TIMEOUT)
            : KafkaBrokerProcess.start(args.brokerJvmArgs(), settings, BROKER_START_TIMEOUT);
    }

    private static List<RebalanceResult> rebalance(String name, BrokerProcess broker, int runs) {
        Topics.create(broker.bootstrapServers(), REBALANCE_TOPIC, RebalanceRun.PARTITIONS);
        List<RebalanceResult> results = new ArrayList<>();
        for (int members : REBALANCE_MEMBERS) {
            for (boolean cooperative : new boolean[] {false, true}) {
                System.out.println("== " + name + ": rebalance, " + members + " members, "
                    + (cooperative ? "cooperative" : "eager") + ", " + runs + " joins");
                RebalanceResult result = RebalanceRun.runInChildJvm(broker.bootstrapServers(), REBALANCE_TOPIC, members,
                    cooperative, runs);
                System.out.println("   " + result);
                results.add(result);
            }
        }
        return results;
    }

    private static ClientComparison compareClients(String name, BrokerProcess broker, SideBySideArgs args) {
        System.out.println("== " + name + ": Samsa client vs kafka-clients");
        return ClientBenchmarkRun.run(name, broker.bootstrapServers(), topic -> createTopic(broker.bootstrapServers(), topic),
            args.records(), args.recordSizeBytes(), args.latencyRecords());
    }

    private static void createTopic(String bootstrapServers, String topic) {
        Topics.create(bootstrapServers, topic, 1);
    }

    static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
