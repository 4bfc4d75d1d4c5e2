package io.samsa.benchmarks.broker;

import io.samsa.broker.Broker;
import io.samsa.broker.BrokerAssembly;
import io.samsa.broker.config.BrokerConfig;
import io.samsa.protocol.util.Time;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The real Samsa broker ({@link BrokerAssembly}) in this JVM, on an ephemeral port of 127.0.0.1 over a
 * temporary log directory that {@link #close} deletes. Broker settings are the embedded defaults.
 *
 * <p>Start and close from one thread; {@link #bootstrapServers} is safe from any.
 */
final class InProcessBroker implements AutoCloseable {
    private final Path dir;
    private final Broker broker;

    private InProcessBroker(Path dir, Broker broker) {
        this.dir = dir;
        this.broker = broker;
    }

    static InProcessBroker start() throws Exception {
        Path dir = Files.createTempDirectory("samsa-jmh-");
        try {
            BrokerConfig config = BrokerConfig.of(Map.of(
                "listeners", "PLAINTEXT://127.0.0.1:0",
                "log.dirs", dir.resolve("data").toString()));
            return new InProcessBroker(dir, BrokerAssembly.build(config, Time.SYSTEM).start());
        } catch (Exception | Error e) {
            deleteRecursively(dir);
            throw e;
        }
    }

    String bootstrapServers() {
        return "127.0.0.1:" + broker.boundPort();
    }

    void createTopic(String name, int partitions) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() {
        try {
            broker.close();
        } finally {
            deleteRecursively(dir);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
