package io.samsa.broker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

/** The main class in a child JVM: arguments, start line, SIGTERM to exit 0, config errors to exit 1. */
class SamsaBrokerProcessTest {
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @Test
    void startsFromAFileWithOverridesAndExitsZeroOnSigterm(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("server.properties");
        Files.writeString(file, "listeners=PLAINTEXT://127.0.0.1:9\nlog.dirs=" + dir.resolve("data") + "\nsamsa.no.such.key=broker\n");
        try (BrokerProcess broker = BrokerProcess.startMainClass(List.of(file.toString(),
                "--override", "listeners=PLAINTEXT://127.0.0.1:0", "--override", "num.io.threads=2"))) {
            int port = broker.awaitStarted(DEADLINE);
            assertTrue(port > 0 && port != 9, "the override won over the file: port " + port);
            try (TestClient client = TestClient.connect(port)) {
                client.send(99, 0, 1, new byte[0]);
                assertTrue(client.awaitClosedByBroker(), "no handlers yet: an unknown key closes the connection");
            }
            assertEquals(0, broker.terminate(DEADLINE), "exit status after SIGTERM; output: " + broker.output());
            List<String> output = broker.output();
            assertTrue(output.stream().anyMatch(l -> l.contains("Unknown configuration key 'samsa.no.such.key' is ignored")), output.toString());
            assertTrue(output.stream().anyMatch(l -> l.contains("Samsa broker stopped")), output.toString());
        }
    }

    @Test
    void invalidValueStopsStartupWithOneLineNamingTheKey() throws Exception {
        try (BrokerProcess broker = BrokerProcess.startMainClass(List.of("--override", "num.partitions=zero"))) {
            assertEquals(1, broker.awaitExit(DEADLINE));
            List<String> output = broker.output();
            assertEquals(1, output.size(), "exactly one line: " + output);
            assertTrue(output.get(0).contains(
                    "Invalid configuration: Invalid value 'zero' for configuration key num.partitions: not a valid int"), output.get(0));
        }
    }

    @Test
    void badArgumentsPrintUsage() throws Exception {
        try (BrokerProcess broker = BrokerProcess.startMainClass(List.of("--override"))) {
            assertEquals(1, broker.awaitExit(DEADLINE));
            assertTrue(broker.output().get(0).contains("Usage: java -jar samsa-broker.jar"), broker.output().toString());
        }
    }

    @Test
    void argumentsParseLikeKafkaServerStart() {
        BrokerArgs args = BrokerArgs.parse(List.of("config/server.properties", "--override", "a=1", "--override", "b = x=y"));
        assertEquals(Path.of("config/server.properties"), args.configFile());
        assertEquals("1", args.overrides().get("a"));
        assertEquals("x=y", args.overrides().get("b"));
        assertArrayEquals(new Object[0], BrokerArgs.parse(List.of()).overrides().keySet().toArray());
    }
}
