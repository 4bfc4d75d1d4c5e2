package io.samsa.protocol.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.samsa.protocol.types.ByteBufferReadable;
import io.samsa.protocol.types.Message;
import io.samsa.protocol.types.MessageBytes;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.common.protocol.types.RawTaggedField;

/**
 * The compatibility checks for one message against kafka-clients, at one version and one seed:
 * Kafka-encoded bytes decode in Samsa to the same values and re-encode byte for byte; a Samsa
 * message built from the same values encodes to bytes kafka-clients decodes to those values; and
 * unknown tagged fields, at every struct level, survive a Samsa decode/encode. Not thread-safe (builds fresh objects per
 * call, but holds reflection handles).
 */
final class OracleRoundTrip {
    private final MessageCatalog.Entry entry;
    private final KafkaMessageSpec spec;
    private final KafkaOracle kafka;
    private final Class<? extends Message> samsaClass;

    OracleRoundTrip(MessageCatalog.Entry entry) {
        this.entry = entry;
        this.spec = entry.kafkaSpec();
        this.kafka = new KafkaOracle(spec);
        this.samsaClass = entry.samsaClass();
    }

    /** The random value tree of this seed and shape. */
    JsonNode tree(short version, long seed, RandomMessageTree.Shape shape) {
        return new RandomMessageTree(seed, shape).build(spec, version);
    }

    /** The tree encoded by kafka-clients. */
    byte[] kafkaBytes(JsonNode tree, short version) {
        return KafkaOracle.encode(kafka.fromTree(tree, version), version);
    }

    /** Kafka encodes, Samsa decodes to the same values and re-encodes the identical bytes. */
    void kafkaToSamsa(JsonNode tree, short version) {
        byte[] kafkaBytes = kafkaBytes(tree, version);
        // the harness itself: Kafka must reproduce its input, or the tree is not what we think
        assertNull(JsonTreeDiff.firstDifference(tree, kafka.toTree(kafka.decode(kafkaBytes, version), version)),
            "harness: kafka-clients does not round-trip the generated tree");

        Message decoded = decode(samsaClass, kafkaBytes, version);
        assertNull(JsonTreeDiff.firstDifference(tree, SamsaTrees.toTree(decoded, spec.fields(), version)),
            () -> what(version) + ": Samsa decoded Kafka's bytes to different values");
        assertTrue(decoded.unknownTaggedFields().isEmpty(),
            () -> what(version) + ": Samsa kept known tagged fields as unknown: " + decoded.unknownTaggedFields());
        assertEquals(kafkaBytes.length, decoded.size(version), () -> what(version) + ": size() after decode");
        assertNull(ByteDiff.firstDifference(kafkaBytes, encode(decoded, version)),
            () -> what(version) + ": Samsa re-encoded Kafka's bytes differently");
    }

    /** Samsa builds and encodes, Kafka decodes to the same values; the bytes equal Kafka's own. */
    void samsaToKafka(JsonNode tree, short version) {
        Message built = SamsaTrees.fromTree(samsaClass, spec.fields(), tree, version);
        byte[] samsaBytes = encode(built, version);
        JsonNode kafkaView = kafka.toTree(kafka.decode(samsaBytes, version), version);
        assertNull(JsonTreeDiff.firstDifference(tree, kafkaView),
            () -> what(version) + ": kafka-clients decoded Samsa's bytes to different values");
        assertNull(ByteDiff.firstDifference(kafkaBytes(tree, version), samsaBytes),
            () -> what(version) + ": Samsa's encoding differs from kafka-clients' for the same values");
    }

    /**
     * Unknown tagged fields (as a newer peer would send) in the message and in every nested
     * struct are kept by a Samsa decode, leave the known values alone, and are re-written as they
     * came. Each gets a random tag no field of its struct declares, so it may fall between known
     * tags.
     */
    void unknownTaggedFieldsSurvive(JsonNode tree, short version, long seed) {
        Random random = new Random(seed);
        org.apache.kafka.common.protocol.Message kafkaMessage = kafka.fromTree(tree, version);
        List<RawTaggedField> added = new ArrayList<>();
        kafka.forEachStruct(kafkaMessage, version, (struct, fields) -> {
            byte[] data = new byte[random.nextInt(6)];
            random.nextBytes(data);
            RawTaggedField field = new RawTaggedField(unknownTag(fields, random), data);
            struct.unknownTaggedFields().add(field);
            added.add(field);
        });
        byte[] kafkaBytes = KafkaOracle.encode(kafkaMessage, version);

        Message decoded = decode(samsaClass, kafkaBytes, version);
        List<io.samsa.protocol.types.RawTaggedField> unknown = decoded.unknownTaggedFields();
        assertEquals(1, unknown.size(), () -> what(version) + ": top-level unknown tagged fields after decode: " + unknown);
        assertEquals(added.get(0).tag(), unknown.get(0).tag(), what(version));
        assertEquals(ByteBuffer.wrap(added.get(0).data()), ByteBuffer.wrap(unknown.get(0).data()), what(version));
        assertNull(JsonTreeDiff.firstDifference(tree, SamsaTrees.toTree(decoded, spec.fields(), version)),
            () -> what(version) + ": unknown tagged fields changed the decoded values");
        assertEquals(kafkaBytes.length, decoded.size(version), () -> what(version) + ": size() with unknown tagged fields");
        assertNull(ByteDiff.firstDifference(kafkaBytes, encode(decoded, version)),
            () -> what(version) + ": unknown tagged fields not re-encoded as they came (" + added.size() + " structs)");
    }

    /** A tag in [0, highest declared + 3) that no field of the struct declares. */
    private static int unknownTag(List<KafkaMessageSpec.Field> fields, Random random) {
        Set<Integer> declared = new HashSet<>();
        for (KafkaMessageSpec.Field field : fields) {
            if (field.tag() >= 0) {
                declared.add(field.tag());
            }
        }
        int bound = declared.stream().mapToInt(Integer::intValue).max().orElse(-1) + 3;
        while (true) {
            int tag = random.nextInt(bound);
            if (!declared.contains(tag)) {
                return tag;
            }
        }
    }

    /**
     * Values set for version {@code source}, written at version {@code target}: fields the target
     * lacks are dropped when Kafka's spec marks them ignorable (or they hold their default) and
     * refused otherwise. Samsa must refuse exactly when kafka-clients does and otherwise write
     * the same bytes.
     */
    void crossVersionWrite(JsonNode treeAtSource, short source, short target) {
        String kafkaOutcome;
        byte[] kafkaBytes = null;
        try {
            kafkaBytes = KafkaOracle.encode(kafka.fromTree(treeAtSource, source), target);
            kafkaOutcome = "written";
        } catch (RuntimeException e) {
            kafkaOutcome = "refused (" + e + ")";
        }
        String samsaOutcome;
        byte[] samsaBytes = null;
        try {
            samsaBytes = encode(SamsaTrees.fromTree(samsaClass, spec.fields(), treeAtSource, source), target);
            samsaOutcome = "written";
        } catch (RuntimeException e) {
            samsaOutcome = "refused (" + e + ")";
        }
        String kafkaResult = kafkaOutcome;
        String samsaResult = samsaOutcome;
        assertEquals(kafkaBytes == null, samsaBytes == null, () -> entry.name() + " v" + source + " values written at v"
            + target + ": kafka-clients " + kafkaResult + ", Samsa " + samsaResult);
        if (kafkaBytes != null) {
            byte[] expected = kafkaBytes;
            byte[] actual = samsaBytes;
            assertNull(ByteDiff.firstDifference(expected, actual), () -> entry.name() + " v" + source
                + " values written at v" + target + ": Samsa's bytes differ from kafka-clients'");
        }
    }

    boolean isFlexible(short version) {
        return spec.flexibleVersions().contains(version);
    }

    private String what(short version) {
        return entry.name() + " v" + version;
    }

    /** Samsa decode of a whole message body; fails when bytes are left over. */
    static Message decode(Class<? extends Message> type, byte[] bytes, short version) {
        Message message = SamsaTrees.newInstance(type);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        message.read(new ByteBufferReadable(buffer), version);
        assertEquals(0, buffer.remaining(), () -> type.getSimpleName() + " v" + version + ": Samsa left bytes unread");
        return message;
    }

    /** Samsa encode into a buffer of exactly {@code size(version)} bytes (fails if write disagrees). */
    static byte[] encode(Message message, short version) {
        return MessageBytes.encode(message, version).array();
    }
}
