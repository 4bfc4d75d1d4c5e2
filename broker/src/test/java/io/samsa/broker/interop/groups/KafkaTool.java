package io.samsa.broker.interop.groups;

import java.time.Duration;
import java.util.List;

/**
 * One run of a Kafka 4.1 command-line tool's main class (kafka-tools, test scope) in a child JVM,
 * as its shell script runs it, to its exit under a deadline; the process never outlives the call.
 *
 * @param exitCode the tool's exit status
 * @param lines    its stdout, line by line
 * @param describe the command, stdout and stderr, for failure messages
 */
public record KafkaTool(int exitCode, List<String> lines, String describe) {
    static final Duration DEADLINE = Duration.ofSeconds(60);

    /** Runs {@code tool}'s main with {@code args}; fails if it does not exit within {@link #DEADLINE}. */
    public static KafkaTool run(Class<?> tool, String... args) throws Exception {
        try (RunningProcess process = RunningProcess.startJvm(tool, List.of(args))) {
            int exit = process.awaitExit(DEADLINE);
            return new KafkaTool(exit, process.lines(), process.describe());
        }
    }

    /** @return stdout as one string */
    public String stdout() {
        return String.join("\n", lines);
    }
}
