package io.samsa.benchmarks.sidebyside;

import java.util.List;

/**
 * Runs one of Kafka's command-line tools (kafka-tools 4.1: ProducerPerformance, ConsumerPerformance)
 * in a child JVM of its own, so the load generator never shares a heap or JIT with this harness, and
 * returns what it printed.
 *
 * <p>Stateless.
 */
final class ToolRun {
    private static final List<String> CLIENT_JVM_ARGS = List.of("-Xmx1g", "-XX:+UseG1GC",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");

    /** What the tool printed (stdout and stderr merged) and its exit code. */
    record Output(String text, int exitCode, String tail) {
    }

    private ToolRun() {
    }

    /** @throws IllegalStateException with the output's tail when the tool does not exit in time */
    static Output run(String mainClass, List<String> args, long timeoutSeconds) {
        String tool = mainClass.substring(mainClass.lastIndexOf('.') + 1);
        ChildJvm.Finished finished = ChildJvm.runToCompletion(ChildJvm.command(CLIENT_JVM_ARGS, mainClass, args),
            timeoutSeconds, tool);
        return new Output(finished.output(), finished.exitCode(), finished.tail(30));
    }
}
