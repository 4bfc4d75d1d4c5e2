package io.samsa.broker.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kafka-clients 3.9.0 in a child JVM against our broker, checked by the 4.1 client as well: for
 * acks all (idempotent, the default), 1 and 0, a producer under every compression type and an
 * assign()+seek consumer ({@link LegacyClientScenario}, one JVM per acks setting); and the Admin
 * calls ({@link LegacyAdminScenario}).
 */
class KafkaClients39InteropTest extends BrokerPerTest {
    private static final Duration JVM_DEADLINE = Duration.ofSeconds(120);
    private static final List<String> CODECS = List.of("none", "gzip", "snappy", "lz4", "zstd");

    @ParameterizedTest(name = "acks={0}")
    @ValueSource(strings = {"all", "1", "0"})
    void producerUnderEveryCodecAndAssignedConsumer(String acks) throws Exception {
        Expected expected = Expected.generate("clients39-acks" + acks, 600, 16, 120);
        List<String> args = new ArrayList<>(List.of(broker.bootstrap(), acks));
        for (String codec : CODECS) {
            String topic = topic(acks, codec);
            JavaOracle.createTopic(broker.bootstrap(), topic, 3);
            args.add(topic + "=" + codec);
        }

        ToolProcess.Result result = ToolProcess.run(LegacyClientJvm.command(LegacyClientScenario.class, args),
                expected.asKeyColonValueLines().getBytes(StandardCharsets.UTF_8), JVM_DEADLINE).requireSuccess();

        assertTrue(result.stderr().contains("kafka-clients version 3.9.0"), "the child JVM ran kafka-clients 3.9.0:\n" + result.stderr());
        for (String codec : CODECS) {
            String topic = topic(acks, codec);
            List<String> lines = result.lines().stream().filter(line -> line.startsWith(topic + "|"))
                    .map(line -> line.substring(topic.length() + 1)).toList();
            String reader = "kafka-clients 3.9.0 (acks=" + acks + ", " + codec + ")";
            expected.assertReadExactlyOnceInOrder(KeyedRecord.parseAll(lines), reader);
            expected.assertReadExactlyOnceInOrder(JavaOracle.readAll(broker.bootstrap(), topic), "kafka-clients 4.1 on " + topic);
        }
    }

    @Test
    void adminCreatesDescribesGrowsAndDeletesTopics() throws Exception {
        ToolProcess.Result result = ToolProcess.run(
                LegacyClientJvm.command(LegacyAdminScenario.class, List.of(broker.bootstrap(), "clients39-admin")),
                new byte[0], JVM_DEADLINE).requireSuccess();
        assertTrue(result.stderr().contains("kafka-clients version 3.9.0"), result.stderr());
        assertEquals(List.of("ok describeCluster", "ok createTopics", "ok listTopics", "ok describeTopics",
                "ok describeConfigs", "ok createPartitions", "ok deleteTopics"), result.lines());
    }

    private static String topic(String acks, String codec) {
        return "clients39-acks" + acks + "-" + codec;
    }
}
