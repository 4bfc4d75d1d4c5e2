package io.samsa.broker.interop;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kafka-python 2.0.2 (Debian python3-kafka under /usr/bin/python3) against our broker: keyed
 * records produced with acks=all, then read back without a consumer group by kafka-python and by
 * the Java 4.1 client. Codecs are the ones kafka-python supports without extra Python packages.
 */
class KafkaPythonInteropTest extends BrokerPerTest {
    private static final Duration SCRIPT_DEADLINE = Duration.ofSeconds(90);
    private static final Path SCRIPT = Path.of("src/test/resources/interop/kafka_python_roundtrip.py");

    @ParameterizedTest(name = "compression {0}")
    @ValueSource(strings = {"none", "gzip"})
    void producesAndConsumesWithoutAGroup(String codec) throws Exception {
        Path python = InteropTools.kafkaPython();
        String topic = "python-" + codec;
        JavaOracle.createTopic(broker.bootstrap(), topic, 3);
        Expected expected = Expected.generate(topic, 400, 10, 80);

        ToolProcess.Result result = ToolProcess.run(
                List.of(python.toString(), SCRIPT.toAbsolutePath().toString(), broker.bootstrap(), topic, codec),
                expected.asKeyColonValueLines().getBytes(StandardCharsets.UTF_8), SCRIPT_DEADLINE).requireSuccess();

        assertClientAndOracleReadExactly(expected, result, "kafka-python", topic);
    }
}
