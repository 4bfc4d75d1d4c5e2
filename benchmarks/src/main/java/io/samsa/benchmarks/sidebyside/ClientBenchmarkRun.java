package io.samsa.benchmarks.sidebyside;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The client comparison against one running broker: Samsa's producer and consumer against
 * kafka-clients' with the same {@link ClientSettings} and workloads, each run in a fresh child JVM
 * ({@link ClientChildProcess}). In rounds that alternate which client goes first (kafka-clients,
 * Samsa, Samsa, kafka-clients, ...) so neither always meets a warmer broker or page cache:
 * <ol>
 *   <li>producer throughput, {@value #ROUNDS} rounds: {@code records} values into a fresh one-partition topic per run;</li>
 *   <li>consumer throughput, {@value #ROUNDS} rounds: both clients read the same topic (the first produce run's) from the beginning;</li>
 *   <li>end-to-end latency, {@value #LATENCY_ROUNDS} rounds (its percentiles are the noisiest numbers): each client's
 *       producer to its own consumer, paced, a fresh topic per run.</li>
 * </ol>
 *
 * <p>Single-threaded. Never throws: a failed run ends the comparison with its reason.
 */
final class ClientBenchmarkRun {
    static final int ROUNDS = 2;
    static final int LATENCY_ROUNDS = 3;
    private static final Duration CONSUMER_STALL_TIMEOUT = Duration.ofSeconds(60);

    private ClientBenchmarkRun() {
    }

    /**
     * @param broker       "Samsa" or "Kafka", for the table
     * @param createTopic  creates a one-partition topic on the broker
     */
    static ClientComparison run(String broker, String bootstrapServers, Consumer<String> createTopic, long records,
                                int recordSizeBytes, int latencyRecords) {
        Map<ClientKind, List<ConsumeResult>> produce = new EnumMap<>(ClientKind.class);
        Map<ClientKind, List<ConsumeResult>> consume = new EnumMap<>(ClientKind.class);
        Map<ClientKind, List<LatencyPercentiles>> latency = new EnumMap<>(ClientKind.class);
        for (ClientKind kind : ClientKind.values()) {
            produce.put(kind, new ArrayList<>());
            consume.put(kind, new ArrayList<>());
            latency.put(kind, new ArrayList<>());
        }
        long produceTimeoutSeconds = 300 + records / 5_000;
        long latencyTimeoutSeconds = 60 + latencyRecords / 1_000;
        String consumeTopic = null;
        try {
            int run = 0;
            for (ClientKind kind : alternatingOrder(ROUNDS)) {
                String topic = "clients-produce-" + ++run;
                createTopic.accept(topic);
                consumeTopic = consumeTopic == null ? topic : consumeTopic;
                ConsumeResult result = ClientChildProcess.throughput(ClientWorkload.Mode.PRODUCE, kind, bootstrapServers, topic,
                    records, recordSizeBytes, produceTimeoutSeconds);
                progress(broker, kind, "produce", result);
                produce.get(kind).add(result);
            }
            for (ClientKind kind : alternatingOrder(ROUNDS)) {
                ConsumeResult result = ClientChildProcess.throughput(ClientWorkload.Mode.CONSUME, kind, bootstrapServers,
                    consumeTopic, records, recordSizeBytes, CONSUMER_STALL_TIMEOUT.toSeconds());
                progress(broker, kind, "consume", result);
                consume.get(kind).add(result);
            }
            run = 0;
            for (ClientKind kind : alternatingOrder(LATENCY_ROUNDS)) {
                String topic = "clients-latency-" + ++run;
                createTopic.accept(topic);
                LatencyPercentiles result = ClientChildProcess.latency(kind, bootstrapServers, topic, latencyRecords,
                    recordSizeBytes, latencyTimeoutSeconds);
                System.out.println("   " + broker + " broker, " + kind.label() + " e2e latency: " + result);
                latency.get(kind).add(result);
            }
            return new ClientComparison(broker, produce, consume, latency, null);
        } catch (RuntimeException e) {
            System.out.println(broker + " broker: client comparison failed: " + e.getMessage());
            String message = String.valueOf(e.getMessage());
            int newline = message.indexOf('\n');
            return new ClientComparison(broker, produce, consume, latency, newline < 0 ? message : message.substring(0, newline));
        }
    }

    /** kafka-clients first in even rounds, Samsa first in odd ones. */
    static List<ClientKind> alternatingOrder(int rounds) {
        List<ClientKind> order = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            order.addAll(round % 2 == 0 ? List.of(ClientKind.KAFKA, ClientKind.SAMSA) : List.of(ClientKind.SAMSA, ClientKind.KAFKA));
        }
        return order;
    }

    private static void progress(String broker, ClientKind kind, String what, ConsumeResult result) {
        System.out.printf(Locale.ROOT, "   %s broker, %s %s: %d records in %.2f s, %.0f records/s, %.2f MB/s%n", broker,
            kind.label(), what, result.records(), result.elapsedNanos() / 1e9, result.recordsPerSec(), result.megabytesPerSec());
    }
}
