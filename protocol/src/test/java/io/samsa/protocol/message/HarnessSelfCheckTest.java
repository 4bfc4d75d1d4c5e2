package io.samsa.protocol.message;

import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.message.ApiMessageType;
import org.apache.kafka.common.protocol.Message;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

class HarnessSelfCheckTest {
    @TestFactory
    List<DynamicTest> kafkaRoundTrip() {
        List<DynamicTest> tests = new ArrayList<>();
        for (short key : new short[] {0, 1, 2, 3, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 19, 20, 21, 22, 23, 32, 37, 42, 47, 60, 61, 68, 69}) {
            ApiMessageType type = ApiMessageType.fromApiKey(key);
            for (String name : List.of(simple(type.newRequest()), simple(type.newResponse()))) {
                KafkaMessageSpec spec = KafkaMessageSpec.load(name);
                for (short v = spec.validVersions().lowest(); v <= spec.validVersions().highest(); v++) {
                    short version = v;
                    tests.add(DynamicTest.dynamicTest(name + " v" + v, () -> {
                        KafkaOracle oracle = new KafkaOracle(spec);
                        for (long seed = 0; seed < 3; seed++) {
                            JsonNode tree = new RandomMessageTree(seed * 31 + version, seed > 0).build(spec, version);
                            Message message = oracle.fromTree(tree, version);
                            byte[] bytes = KafkaOracle.encode(message, version);
                            JsonNode back = oracle.toTree(oracle.decode(bytes, version), version);
                            assertNull(JsonTreeDiff.firstDifference(tree, back), tree.toString());
                        }
                    }));
                }
            }
        }
        return tests;
    }

    private static String simple(Object o) {
        String n = o.getClass().getSimpleName();
        return n.substring(0, n.length() - 4);
    }
}
