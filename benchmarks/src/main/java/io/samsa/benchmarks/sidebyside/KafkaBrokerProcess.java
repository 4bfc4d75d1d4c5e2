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
 * command line, which names the broker's own temporary directory. The harness's
 * {@code server.properties} and cluster id are kept so that {@link #restart} can start Kafka again
 * on the same {@code log.dirs} ({@link KafkaRelaunch}).
 *
 * <p>Start and close from one thread.
 */
public final class KafkaBrokerProcess implements BrokerProcess {
    private final String bootstrapServers;
    private final long pid;
    private final List<String> jvmArgs;
    private final String serverProperties;
    private final String clusterId;
    private final Runnable closer;

    KafkaBrokerProcess(String bootstrapServers, long pid, List<String> jvmArgs, String serverProperties, String clusterId,
                       Runnable closer) {
        this.bootstrapServers = bootstrapServers;
        this.pid = pid;
        this.jvmArgs = List.copyOf(jvmArgs);
        this.serverProperties = serverProperties;
        this.clusterId = clusterId;
        this.closer = closer;
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
            String properties = KafkaRelaunch.read(broker.logFile().resolveSibling("server.properties"));
            return new KafkaBrokerProcess(broker.bootstrapServers(), findPid(broker), jvmArgs, properties, broker.clusterId(),
                broker::close);
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
        return bootstrapServers;
    }

    @Override
    public long pid() {
        return pid;
    }

    /** Starts Kafka again on the same ports and {@code log.dirs}, after {@link #stopCleanly}. */
    @Override
    public BrokerProcess restart(Duration timeout) {
        return KafkaRelaunch.start(jvmArgs, serverProperties, clusterId, bootstrapServers, timeout);
    }

    @Override
    public void close() {
        closer.run();
    }
}
