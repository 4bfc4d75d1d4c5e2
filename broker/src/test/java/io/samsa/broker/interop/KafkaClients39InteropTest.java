package io.samsa.broker.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kafka-clients 3.9.0 in a child JVM against our broker: an idempotent acks=all producer and an
 * assign()+seek consumer ({@link LegacyClientScenario}), checked by the 4.1 client as well.
 */
class KafkaClients39InteropTest {
    private static final Duration JVM_DEADLINE = Duration.ofSeconds(90);

    @TempDir
    Path dataDir;
    private InteropBroker broker;

    @BeforeEach
    void startBroker() throws Exception {
        broker = InteropBroker.start(dataDir);
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    @ParameterizedTest(name = "compression {0}")
    @ValueSource(strings = {"none", "zstd"})
    void idempotentProducerAndAssignedConsumer(String codec) throws Exception {
        String topic = "clients39-" + codec;
        JavaOracle.createTopic(broker.bootstrap(), topic, 3);
        Expected expected = Expected.generate(topic, 1000, 16, 120);

        ToolProcess.Result result = ToolProcess.run(
                LegacyClientJvm.command(LegacyClientScenario.class, List.of(broker.bootstrap(), topic, codec)),
                expected.asKeyColonValueLines().getBytes(StandardCharsets.UTF_8), JVM_DEADLINE).requireSuccess();

        assertTrue(result.stderr().contains("kafka-clients version 3.9.0"), "the child JVM ran kafka-clients 3.9.0:\n" + result.stderr());
        expected.assertReadExactlyOnceInOrder(KeyedRecord.parseAll(result.lines()), "kafka-clients 3.9.0");
        expected.assertReadExactlyOnceInOrder(JavaOracle.readAll(broker.bootstrap(), topic), "kafka-clients 4.1");
    }
}
