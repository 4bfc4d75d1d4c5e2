package io.samsa.benchmarks.sidebyside;

import io.samsa.client.testing.KafkaBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Apache Kafka 4.1 (single-node KRaft) in a child JVM, through the client test-jar's
 * {@link KafkaBroker} harness, with the side-by-side JVM options and settings.
 *
 * <p>The harness does not expose the child's pid, so it is found among this JVM's children by its
 * command line, which names the broker's own temporary directory.
 *
 * <p>Start and close from one thread.
 */
public final class KafkaBrokerProcess implements BrokerProcess {
    private final KafkaBroker broker;
    private final long pid;

    private KafkaBrokerProcess(KafkaBroker broker, long pid) {
        this.broker = broker;
        this.pid = pid;
    }

    /** @throws IllegalStateException with the log's tail when Kafka does not come up */
    public static KafkaBrokerProcess start(List<String> jvmArgs, Map<String, String> settings, Duration timeout) {
        KafkaBroker.Builder builder = KafkaBroker.builder()
            .classPath(ChildJvm.classPath())
            .jvmArgs(jvmArgs)
            .startTimeout(timeout);
        settings.forEach(builder::config);
        KafkaBroker broker = builder.start();
        try {
            return new KafkaBrokerProcess(broker, findPid(broker));
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    private static long findPid(KafkaBroker broker) {
        String dir = broker.logFile().getParent().toString();
        return ProcessHandle.current().children()
            .filter(child -> child.info().commandLine().map(line -> line.contains(dir)).orElse(false))
            .mapToLong(ProcessHandle::pid)
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("cannot find the Kafka child process of " + broker));
    }

    @Override
    public String name() {
        return "Kafka";
    }

    @Override
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public void close() {
        broker.close();
    }
}
