package io.samsa.broker.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clean restart of our broker on the same data directory keeps every topic, its partition count
 * and every record, and producing afterwards appends after them.
 */
class RestartInteropTest {
    @TempDir
    Path dataDir;

    @Test
    void restartKeepsEveryTopicAndRecord() throws Exception {
        try (InteropBroker broker = InteropBroker.start(dataDir)) {
            JavaOracle.createTopic(broker.bootstrap(), "restart-a", 3);
            JavaOracle.createTopic(broker.bootstrap(), "restart-b", 1);
            JavaOracle.createTopic(broker.bootstrap(), "restart-empty", 2);
            Expected a = Expected.generate("restart-a", 1500, 20, 150);
            Expected b = Expected.generate("restart-b", 700, 5, 60);
            JavaProducer.sendAll(broker.bootstrap(), "restart-a", a);
            JavaProducer.sendAll(broker.bootstrap(), "restart-b", b);

            broker.restart();

            assertEquals(Map.of("restart-a", 3, "restart-b", 1, "restart-empty", 2),
                    JavaOracle.partitionCounts(broker.bootstrap(), Set.of("restart-a", "restart-b", "restart-empty")));
            a.assertReadExactlyOnceInOrder(JavaOracle.readAll(broker.bootstrap(), "restart-a"), "after restart");
            b.assertReadExactlyOnceInOrder(JavaOracle.readAll(broker.bootstrap(), "restart-b"), "after restart");
            assertEquals(List.of(), JavaOracle.readAll(broker.bootstrap(), "restart-empty"));

            Expected more = Expected.generate("restart-b-more", 300, 5, 60);
            JavaProducer.sendAll(broker.bootstrap(), "restart-b", more);
            concat(b, more).assertReadExactlyOnceInOrder(JavaOracle.readAll(broker.bootstrap(), "restart-b"), "after restart and more");
        }
    }

    private static Expected concat(Expected first, Expected second) {
        List<String> keys = new ArrayList<>(first.keys());
        keys.addAll(second.keys());
        List<String> values = new ArrayList<>(first.values());
        values.addAll(second.values());
        return new Expected(keys, values);
    }
}
