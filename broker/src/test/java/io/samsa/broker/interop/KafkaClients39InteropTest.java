package io.samsa.broker.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kafka-clients 3.9.0 in a child JVM against our broker: an idempotent acks=all producer and an
 * assign()+seek consumer ({@link LegacyClientScenario}), checked by the 4.1 client as well.
 */
class KafkaClients39InteropTest extends BrokerPerTest {
    private static final Duration JVM_DEADLINE = Duration.ofSeconds(90);

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
        assertClientAndOracleReadExactly(expected, result, "kafka-clients 3.9.0", topic);
    }
}
