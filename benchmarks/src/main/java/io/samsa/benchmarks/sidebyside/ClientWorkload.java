package io.samsa.benchmarks.sidebyside;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The main class of a client benchmark child JVM: runs one workload with one client library and
 * prints its result as one line that {@link ClientChildProcess} parses. Each run gets a fresh JVM so
 * neither client inherits the other's JIT profile, heap or threads.
 *
 * <p>{@code ClientWorkload produce|consume|latency samsa|kafka <bootstrap> <topic> <records> <recordSizeBytes> <timeoutSeconds>}
 * prints {@code THROUGHPUT <records> <valueBytes> <elapsedNanos>} or
 * {@code LATENCY <records> <p50Micros> <p99Micros> <maxMicros>}.
 *
 * <p>Single-threaded entry point.
 */
public final class ClientWorkload {
    static final String THROUGHPUT = "THROUGHPUT";
    static final String LATENCY = "LATENCY";

    /** What a child JVM runs. */
    enum Mode { PRODUCE, CONSUME, LATENCY }

    private ClientWorkload() {
    }

    /** The arguments {@link #main} takes. */
    static List<String> arguments(Mode mode, ClientKind kind, String bootstrapServers, String topic, long records,
                                  int recordSizeBytes, long timeoutSeconds) {
        return List.of(mode.name().toLowerCase(Locale.ROOT), kind.argument(), bootstrapServers, topic,
            Long.toString(records), Integer.toString(recordSizeBytes), Long.toString(timeoutSeconds));
    }

    public static void main(String[] args) {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        Mode mode = Mode.valueOf(args[0].toUpperCase(Locale.ROOT));
        ClientKind kind = ClientKind.fromArgument(args[1]);
        String bootstrapServers = args[2];
        String topic = args[3];
        long records = Long.parseLong(args[4]);
        int recordSizeBytes = Integer.parseInt(args[5]);
        Duration timeout = Duration.ofSeconds(Long.parseLong(args[6]));
        switch (mode) {
            case PRODUCE -> print(ClientProduceRun.run(kind, bootstrapServers, topic, records, recordSizeBytes));
            case CONSUME -> print(ClientConsumeRun.run(kind, bootstrapServers, topic, records, timeout));
            case LATENCY -> {
                LatencyPercentiles latency = ClientLatencyRun.run(kind, bootstrapServers, topic, Math.toIntExact(records),
                    recordSizeBytes, timeout);
                System.out.println(LATENCY + " " + latency.records() + " " + latency.p50Micros() + " " + latency.p99Micros()
                    + " " + latency.maxMicros());
            }
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        }
        // the clients' non-daemon threads are closed by now; exit anyway so a straggler cannot hold the JVM
        System.exit(0);
    }

    private static void print(ConsumeResult result) {
        System.out.println(THROUGHPUT + " " + result.records() + " " + result.valueBytes() + " " + result.elapsedNanos());
    }
}
