package io.samsa.benchmarks.sidebyside;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs one {@link ClientWorkload} in a child JVM (same java, same class path, the JVM options
 * ProducerPerformance gets) and parses its result line. Extra child JVM options, e.g. to record a
 * JFR profile of the clients, come from the system property {@value #EXTRA_JVM_ARGS_PROPERTY}
 * (space-separated).
 *
 * <p>Stateless.
 */
final class ClientChildProcess {
    static final String EXTRA_JVM_ARGS_PROPERTY = "sidebyside.clientJvmArgs";
    private static final List<String> CLIENT_JVM_ARGS = List.of("-Xmx1g", "-XX:+UseG1GC",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");

    private ClientChildProcess() {
    }

    /**
     * @param timeoutSeconds the workload's own limit (a consumer's stall timeout, a producer's whole run)
     * @throws IllegalStateException with the child's output when it fails or prints no result
     */
    static ConsumeResult throughput(ClientWorkload.Mode mode, ClientKind kind, String bootstrapServers, String topic,
                                    long records, int recordSizeBytes, long timeoutSeconds) {
        // a stall timeout bounds a consumer's silence, not its run: allow at least 10,000 records/s on top
        long hardTimeoutSeconds = timeoutSeconds + records / 10_000;
        long[] fields = run(ClientWorkload.THROUGHPUT,
            ClientWorkload.arguments(mode, kind, bootstrapServers, topic, records, recordSizeBytes, timeoutSeconds),
            hardTimeoutSeconds);
        return new ConsumeResult(fields[0], fields[1], fields[2]);
    }

    static LatencyPercentiles latency(ClientKind kind, String bootstrapServers, String topic, int records, int recordSizeBytes,
                                      long timeoutSeconds) {
        long[] fields = run(ClientWorkload.LATENCY, ClientWorkload.arguments(ClientWorkload.Mode.LATENCY, kind, bootstrapServers,
            topic, records, recordSizeBytes, timeoutSeconds), timeoutSeconds);
        return new LatencyPercentiles(fields[0], fields[1], fields[2], fields[3]);
    }

    private static long[] run(String resultTag, List<String> args, long workloadTimeoutSeconds) {
        List<String> jvmArgs = new ArrayList<>(CLIENT_JVM_ARGS);
        String extra = System.getProperty(EXTRA_JVM_ARGS_PROPERTY, "").trim();
        if (!extra.isEmpty()) {
            jvmArgs.addAll(Arrays.asList(extra.split("\\s+")));
        }
        // the workload's own timeouts fire first; this one only catches a hung JVM
        ChildJvm.Finished finished = ChildJvm.runToCompletion(ChildJvm.command(jvmArgs, ClientWorkload.class.getName(), args),
            workloadTimeoutSeconds + 60, "client workload " + args);
        long[] fields = parse(finished.output().lines().toList(), resultTag);
        if (finished.exitCode() != 0 || fields == null) {
            throw new IllegalStateException("client workload " + args + " failed (exit " + finished.exitCode() + ")\n"
                + finished.tail(30));
        }
        return fields;
    }

    /** @return the numbers after the last line starting with {@code tag}, or null when there is none */
    static long[] parse(List<String> lines, String tag) {
        long[] fields = null;
        for (String line : lines) {
            String[] words = line.trim().split(" ");
            if (words.length > 1 && words[0].equals(tag)) {
                fields = new long[words.length - 1];
                for (int i = 1; i < words.length; i++) {
                    fields[i - 1] = Long.parseLong(words[i]);
                }
            }
        }
        return fields;
    }
}
