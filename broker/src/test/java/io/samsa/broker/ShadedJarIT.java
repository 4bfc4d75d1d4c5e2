package io.samsa.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.broker.testing.BrokerProcess;
import io.samsa.broker.testing.TestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar end to end. Runs in the package phase right after the shade plugin (execution
 * {@code shaded-jar-test} in broker/pom.xml), because the jar does not exist during {@code test}.
 */
class ShadedJarIT {
    private static final Path JAR = Path.of("target", "samsa-broker.jar");
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @Test
    void jarStartsServesAndExitsZeroOnSigterm(@TempDir Path dir) throws Exception {
        assertTrue(Files.isRegularFile(JAR), "shaded jar missing: " + JAR.toAbsolutePath());
        try (BrokerProcess broker = BrokerProcess.startJar(JAR, List.of(
                "--override", "listeners=PLAINTEXT://127.0.0.1:0", "--override", "log.dirs=" + dir.resolve("data")))) {
            int port = broker.awaitStarted(DEADLINE);
            try (TestClient client = TestClient.connect(port)) {
                client.send(3, 0, 1, new byte[0]);
                assertTrue(client.awaitClosedByBroker(), "the jar's broker answers on its port");
            }
            assertEquals(0, broker.terminate(DEADLINE), "exit status after SIGTERM; output: " + broker.output());
            assertTrue(broker.output().stream().anyMatch(l -> l.contains("(EPOLL transport)") || l.contains("(NIO transport)")),
                    broker.output().toString());
        }
    }
}
