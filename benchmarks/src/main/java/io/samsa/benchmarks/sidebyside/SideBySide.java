package io.samsa.benchmarks.sidebyside;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Samsa side by side with Apache Kafka 4.1 on this machine:
 * {@code java -cp benchmarks/target/benchmarks.jar io.samsa.benchmarks.sidebyside.SideBySide [--records N]
 * [--record-size BYTES] [--heap SIZE] [--brokers samsa,kafka] [--latency-records N] [--clients run|skip|only]}.
 *
 * <p>For each broker in turn (never both at once): start it in a child JVM with the same heap, collector
 * and settings; create a one-partition topic; run Kafka's {@code ProducerPerformance} against it
 * ({@code acks=1}, unthrottled); read every record back with a kafka-clients consumer; read the broker's
 * {@code VmHWM}/{@code VmRSS}; stop it and delete its data. Then print the table. A broker that fails is
 * reported as failed with its reason and the other is still measured. Unless {@code --clients skip}, each
 * broker also gets the client comparison ({@link ClientBenchmarkRun}: Samsa's producer and consumer
 * against kafka-clients'), printed as one more table per broker; {@code --clients only} runs just that.
 *
 * <p>Single-threaded.
 */
public final class SideBySide {
    private static final String TOPIC = "side-by-side";
    private static final String LATENCY_TOPIC = "side-by-side-latency";
    private static final Duration BROKER_START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration CONSUMER_STALL_TIMEOUT = Duration.ofSeconds(60);

    private SideBySide() {
    }

    public static void main(String[] argv) {
        // before the first logger exists: client INFO lines would bury the progress lines
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
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
        if (args.clients() != SideBySideArgs.Clients.ONLY) {
            System.out.println();
            System.out.println(ResultTable.render(samsa, kafka));
            System.out.println();
            System.out.println("send->ack latency: ProducerPerformance's, per record of the unthrottled run (acks=1)."
                + " e2e latency: consumer receive time - record CreateTime, separate run of " + args.latencyRecords()
                + " records paced at " + EndToEndLatencyRun.RECORDS_PER_SEC + "/s. MB = 2^20 bytes of record values.");
        }
        clients.forEach(comparison -> System.out.println("\n" + ClientComparisonTable.render(comparison)));
        if (!clients.isEmpty()) {
            System.out.println("\n" + ClientComparisonTable.caption(args.records(), args.latencyRecords()));
        }
        System.exit(ok(samsa) && ok(kafka) && clients.stream().allMatch(ClientComparison::ok) ? 0 : 1);
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
        return settings;
    }

    private static BrokerRunResult measure(String which, SideBySideArgs args, List<ClientComparison> clients) {
        String name = which.equals("samsa") ? "Samsa" : "Kafka";
        System.out.println("== " + name + ": starting broker");
        BrokerProcess broker;
        try {
            broker = which.equals("samsa")
                ? SamsaBrokerProcess.start(args.brokerJvmArgs(), brokerSettings(), BROKER_START_TIMEOUT)
                : KafkaBrokerProcess.start(args.brokerJvmArgs(), brokerSettings(), BROKER_START_TIMEOUT);
        } catch (RuntimeException e) {
            System.out.println(name + " failed to start: " + e.getMessage());
            return BrokerRunResult.failed(name, firstLine(e.getMessage()));
        }
        try (broker) {
            if (args.clients() == SideBySideArgs.Clients.ONLY) {
                clients.add(compareClients(name, broker, args));
                return null;
            }
            createTopic(broker.bootstrapServers(), TOPIC);
            System.out.println("== " + name + " on " + broker.bootstrapServers() + " (pid " + broker.pid()
                + "): ProducerPerformance " + args.records() + " records");
            long produceTimeoutSeconds = 300 + args.records() / 5_000;
            ProducerPerfResult produce = ProducerPerfRun.run(broker.bootstrapServers(), TOPIC, args.records(),
                args.recordSizeBytes(), produceTimeoutSeconds);
            System.out.println("   " + produce);
            System.out.println("== " + name + ": consumer read from the beginning");
            ConsumeResult consume = ConsumeRun.run(broker.bootstrapServers(), TOPIC, args.records(), CONSUMER_STALL_TIMEOUT);
            System.out.printf(Locale.ROOT, "   %d records in %.2f s%n", consume.records(), consume.elapsedNanos() / 1e9);
            System.out.println("== " + name + ": end-to-end latency, " + args.latencyRecords() + " records at "
                + EndToEndLatencyRun.RECORDS_PER_SEC + "/s");
            createTopic(broker.bootstrapServers(), LATENCY_TOPIC);
            EndToEndLatencyRun.Latency endToEnd = EndToEndLatencyRun.run(broker.bootstrapServers(), LATENCY_TOPIC,
                args.latencyRecords(), args.recordSizeBytes(), Duration.ofSeconds(60 + args.latencyRecords() / 1_000));
            System.out.println("   " + endToEnd);
            ProcessMemory memory = ProcessMemory.of(broker.pid());
            if (args.clients() == SideBySideArgs.Clients.RUN) {
                clients.add(compareClients(name, broker, args));
            }
            return BrokerRunResult.succeeded(name, produce, consume, endToEnd, memory);
        } catch (RuntimeException e) {
            System.out.println(name + " run failed: " + e.getMessage());
            return BrokerRunResult.failed(name, firstLine(e.getMessage()));
        }
    }

    private static ClientComparison compareClients(String name, BrokerProcess broker, SideBySideArgs args) {
        System.out.println("== " + name + ": Samsa client vs kafka-clients");
        return ClientBenchmarkRun.run(name, broker.bootstrapServers(), topic -> createTopic(broker.bootstrapServers(), topic),
            args.records(), args.recordSizeBytes(), args.latencyRecords());
    }

    private static void createTopic(String bootstrapServers, String topic) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topic " + topic + ": " + e, e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
