package io.samsa.broker.interop;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kcat (librdkafka) against our broker: keyed records produced from stdin with each compression
 * codec, then consumed by kcat from the beginning and by the Java 4.1 client, every record once,
 * in order per partition.
 */
class KcatInteropTest extends BrokerPerTest {
    private static final Duration TOOL_DEADLINE = Duration.ofSeconds(60);

    @ParameterizedTest(name = "compression {0}")
    @ValueSource(strings = {"none", "gzip", "snappy", "lz4", "zstd"})
    void producesAndConsumesKeyedRecords(String codec) throws Exception {
        Path kcat = InteropTools.kcat();
        String topic = "kcat-" + codec;
        JavaOracle.createTopic(broker.bootstrap(), topic, 3);
        Expected expected = Expected.generate(topic, 600, 12, 100);

        List<String> produce = new ArrayList<>(List.of(kcat.toString(), "-b", broker.bootstrap(), "-P", "-t", topic, "-K:",
                "-X", "linger.ms=20", "-X", "request.required.acks=-1"));
        if (!codec.equals("none")) {
            produce.addAll(List.of("-z", codec));
        }
        ToolProcess.run(produce, expected.asKeyColonValueLines().getBytes(StandardCharsets.UTF_8), TOOL_DEADLINE).requireSuccess();

        // "-o beginning" resolves the start with ListOffsets (v2 from librdkafka 2.0.2); -e stops at the high watermark.
        ToolProcess.Result consumed = ToolProcess.run(List.of(kcat.toString(), "-b", broker.bootstrap(), "-C", "-t", topic,
                "-e", "-o", "beginning", "-q", "-f", "%p:%o:%k:%s\\n"), new byte[0], TOOL_DEADLINE).requireSuccess();
        assertClientAndOracleReadExactly(expected, consumed, "kcat -C", topic);
    }
}
