package io.samsa.protocol.message;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Samsa's generated messages against kafka-clients 4.1, table-driven: every (message, version)
 * that Samsa's schema and Kafka both implement, for every API we advertise and the two
 * consumer-protocol data messages. Each version runs one seeded random value tree of each
 * {@link RandomMessageTree.Shape} (all fields non-default; some nulls; all nulls and empties) in
 * both directions; values set for the lowest and the highest version are written at every other
 * version (refused or dropped as kafka-clients does); and for flexible versions unknown tagged
 * fields must survive. See {@link OracleRoundTrip} for what each direction asserts.
 */
class KafkaCompatibilityTest {
    private static final RandomMessageTree.Shape[] SHAPES = RandomMessageTree.Shape.values();

    @Test
    void everyAdvertisedMessageHasASamsaClassCoveringItsVersionsAndInTheRegistry() {
        List<String> problems = new ArrayList<>();
        for (MessageCatalog.Entry entry : MessageCatalog.entries()) {
            try {
                var prototype = SamsaTrees.newInstance(entry.samsaClass());
                VersionRange samsa = new VersionRange(prototype.lowestSupportedVersion(), prototype.highestSupportedVersion());
                if (samsa.lowest() > entry.required().lowest() || samsa.highest() < entry.required().highest()) {
                    problems.add(entry.name() + ": Samsa schema has versions " + samsa + " but must cover " + entry.required());
                }
                if (entry.testedVersions().isEmpty()) {
                    problems.add(entry.name() + ": no version both Samsa and kafka-clients implement");
                }
                if (entry.apiKey() >= 0) {
                    ApiMessageType type = ApiMessageType.fromApiKey((short) entry.apiKey());
                    Object made = type == null ? null
                        : entry.name().endsWith("Request") ? type.newRequest() : type.newResponse();
                    if (made == null || made.getClass() != entry.samsaClass()) {
                        problems.add(entry.name() + ": ApiMessageType registry makes " + made + " for api key " + entry.apiKey());
                    }
                }
            } catch (AssertionError e) {
                problems.add(e.getMessage());
            }
        }
        assertTrue(problems.isEmpty(), () -> problems.size() + " problems:\n" + String.join("\n", problems));
    }

    @TestFactory
    List<DynamicNode> everyMessageEveryVersion() {
        List<DynamicNode> containers = new ArrayList<>();
        for (MessageCatalog.Entry entry : MessageCatalog.entries()) {
            containers.add(DynamicContainer.dynamicContainer(entry.name(), versionTests(entry)));
        }
        return containers;
    }

    private static List<DynamicNode> versionTests(MessageCatalog.Entry entry) {
        VersionRange versions;
        OracleRoundTrip check;
        try {
            versions = entry.testedVersions();
            check = new OracleRoundTrip(entry);
        } catch (AssertionError | RuntimeException e) {
            return List.of(DynamicTest.dynamicTest("Samsa class present", () -> fail(e.getMessage(), e)));
        }
        List<DynamicNode> tests = new ArrayList<>();
        for (short version = versions.lowest(); version <= versions.highest(); version++) {
            short v = version;
            tests.add(DynamicTest.dynamicTest("v" + v + " Kafka -> Samsa",
                () -> forEachSeed(entry, v, check, (tree, seed) -> check.kafkaToSamsa(tree, v))));
            tests.add(DynamicTest.dynamicTest("v" + v + " Samsa -> Kafka",
                () -> forEachSeed(entry, v, check, (tree, seed) -> check.samsaToKafka(tree, v))));
            for (short source : new short[] {versions.lowest(), versions.highest()}) {
                if (source != v) {
                    tests.add(DynamicTest.dynamicTest("v" + source + " values written at v" + v,
                        () -> forEachSeed(entry, source, check, (tree, seed) -> check.crossVersionWrite(tree, source, v))));
                }
            }
            if (check.isFlexible(v)) {
                tests.add(DynamicTest.dynamicTest("v" + v + " unknown tagged fields",
                    () -> forEachSeed(entry, v, check, (tree, seed) -> check.unknownTaggedFieldsSurvive(tree, v, seed))));
            }
        }
        return tests;
    }

    private static void forEachSeed(MessageCatalog.Entry entry, short version, OracleRoundTrip check,
                                    BiConsumer<JsonNode, Long> body) {
        for (int i = 0; i < SHAPES.length; i++) {
            long seed = seed(entry.name(), version, i);
            RandomMessageTree.Shape shape = SHAPES[i % SHAPES.length];
            JsonNode tree = check.tree(version, seed, shape);
            try {
                body.accept(tree, seed);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(entry.name() + " v" + version + " seed " + seed + " " + shape + ": " + e.getMessage()
                    + "\ntree: " + tree, e);
            }
        }
    }

    /** Stable across runs and JVMs, distinct per message, version and index. */
    static long seed(String messageName, short version, int index) {
        return messageName.hashCode() * 1_000L + version * 10L + index;
    }
}
