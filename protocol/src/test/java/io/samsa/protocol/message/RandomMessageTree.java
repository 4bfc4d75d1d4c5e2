package io.samsa.protocol.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.RecordBatch;
import org.apache.kafka.common.record.SimpleRecord;
import org.apache.kafka.common.record.TimestampType;

/**
 * Builds a random value tree for one message version, in the JSON format of Kafka's converters,
 * from Kafka's spec: every field present in the version gets a value different from its default
 * (so tagged fields are always on the wire), arrays get 1-3 elements, nested structs are filled
 * the same way. One time in eight a string, bytes or primitive array is long enough (130+) for a
 * two-byte compact length, and strings mix in 2-, 3- and 4-byte UTF-8 characters. The
 * {@link Shape} adds nulls and empties on top. Not thread-safe (owns its {@link Random}).
 */
final class RandomMessageTree {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._";
    /** Non-ASCII code points of 2, 3 and 4 UTF-8 bytes (the last a surrogate pair in Java). */
    private static final int[] WIDE_CODE_POINTS = {0xe9, 0x20ac, 0x1f600};
    /** Long enough that a compact length prefix takes two varint bytes. */
    private static final int LONG_LENGTH_MIN = 130;

    /** How far a tree departs from "every field set to a non-default value". */
    enum Shape {
        /** Every field present in the version holds a non-default, non-null value. */
        FULL,
        /** As FULL, but nullable non-tagged fields are null about one time in four. */
        SOME_NULLS,
        /**
         * Every nullable non-tagged field is null, and other non-tagged strings, bytes and arrays
         * are empty one time in three (tagged fields stay non-default, or Kafka would omit them).
         */
        EDGES
    }

    private final Random random;
    private final Shape shape;

    RandomMessageTree(long seed, Shape shape) {
        this.random = new Random(seed);
        this.shape = shape;
    }

    ObjectNode build(KafkaMessageSpec spec, short version) {
        return struct(spec.fields(), version);
    }

    private ObjectNode struct(List<KafkaMessageSpec.Field> fields, short version) {
        ObjectNode node = NODES.objectNode();
        for (KafkaMessageSpec.Field field : fields) {
            if (field.presentIn(version)) {
                node.set(field.camelName(), value(field, version));
            }
        }
        return node;
    }

    private JsonNode value(KafkaMessageSpec.Field field, short version) {
        boolean untagged = !field.taggedIn(version);
        if (untagged && field.nullableIn(version)
                && (shape == Shape.EDGES || shape == Shape.SOME_NULLS && random.nextInt(4) == 0)) {
            return NODES.nullNode();
        }
        if (untagged && shape == Shape.EDGES && random.nextInt(3) == 0) {
            if (field.isArray()) {
                return NODES.arrayNode();
            }
            if (field.type().equals("string")) {
                return NODES.textNode("");
            }
            if (field.type().equals("bytes")) {
                return new BinaryNode(new byte[0]);
            }
        }
        if (field.isArray()) {
            ArrayNode array = NODES.arrayNode();
            // now and then a long primitive array, so the element count needs a two-byte varint
            int count = !field.isStruct() && random.nextInt(8) == 0 ? LONG_LENGTH_MIN + random.nextInt(70) : 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                array.add(field.isStruct() ? struct(field.fields(), version) : primitive(field.elementType(), null));
            }
            return array;
        }
        if (field.isStruct()) {
            return struct(field.fields(), version);
        }
        return primitive(field.type(), field.defaultValue());
    }

    private JsonNode primitive(String type, String defaultValue) {
        return switch (type) {
            case "bool" -> NODES.booleanNode(!"true".equals(defaultValue));
            case "int8" -> NODES.numberNode((int) avoid(Byte.MIN_VALUE, Byte.MAX_VALUE, defaultValue));
            case "int16" -> NODES.numberNode((int) avoid(Short.MIN_VALUE, Short.MAX_VALUE, defaultValue));
            case "uint16" -> NODES.numberNode((int) avoid(0, 0xffff, defaultValue));
            case "int32" -> NODES.numberNode((int) avoid(Integer.MIN_VALUE, Integer.MAX_VALUE, defaultValue));
            case "uint32" -> NODES.numberNode(avoid(0, 0xffff_ffffL, defaultValue));
            case "int64" -> NODES.numberNode(avoid(Long.MIN_VALUE, Long.MAX_VALUE, defaultValue));
            case "float64" -> NODES.numberNode(random.nextDouble() * 1e6 + 0.5);
            case "string" -> NODES.textNode(string(length()));
            case "uuid" -> NODES.textNode(uuid().toString());
            case "bytes" -> new BinaryNode(bytes(length()));
            case "records" -> new BinaryNode(recordBatch());
            default -> throw new IllegalArgumentException("unknown primitive type " + type);
        };
    }

    /**
     * A random value in [min, max] other than the default. Small magnitudes are favoured half the
     * time so varint encodings get short and long forms.
     */
    private long avoid(long min, long max, String defaultValue) {
        long avoided = defaultValue == null || defaultValue.isEmpty() || defaultValue.equals("null")
            ? 0 : Long.decode(defaultValue);
        while (true) {
            long candidate;
            if (random.nextBoolean()) {
                candidate = Math.max(min, Math.min(max, random.nextInt(2001) - 1000));
            } else if (min == Long.MIN_VALUE && max == Long.MAX_VALUE) {
                candidate = random.nextLong();
            } else {
                candidate = min + Math.floorMod(random.nextLong(), max - min + 1);
            }
            if (candidate != avoided) {
                return candidate;
            }
        }
    }

    /** Mostly short; one time in eight past the one-byte varint limit. */
    private int length() {
        return random.nextInt(8) == 0 ? LONG_LENGTH_MIN + random.nextInt(200) : 1 + random.nextInt(12);
    }

    /** {@code length} code points, about one in six outside ASCII. */
    private String string(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            if (random.nextInt(6) == 0) {
                text.appendCodePoint(WIDE_CODE_POINTS[random.nextInt(WIDE_CODE_POINTS.length)]);
            } else {
                text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
        }
        return text.toString();
    }

    private byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private Uuid uuid() {
        while (true) {
            Uuid uuid = new Uuid(random.nextLong(), random.nextLong());
            if (!Uuid.RESERVED.contains(uuid)) {
                return uuid;
            }
        }
    }

    /** A small valid v2 record batch, built by kafka-clients. */
    private byte[] recordBatch() {
        int count = 1 + random.nextInt(3);
        SimpleRecord[] records = new SimpleRecord[count];
        long timestampMs = 1_700_000_000_000L + random.nextInt(1_000_000);
        for (int i = 0; i < count; i++) {
            records[i] = new SimpleRecord(timestampMs + i, bytes(1 + random.nextInt(8)), bytes(1 + random.nextInt(32)));
        }
        MemoryRecords memoryRecords = MemoryRecords.withRecords(RecordBatch.MAGIC_VALUE_V2, random.nextInt(1000),
            Compression.NONE, TimestampType.CREATE_TIME, records);
        byte[] bytes = new byte[memoryRecords.sizeInBytes()];
        memoryRecords.buffer().duplicate().get(bytes);
        return bytes;
    }
}
