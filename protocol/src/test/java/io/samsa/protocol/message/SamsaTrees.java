package io.samsa.protocol.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.samsa.protocol.record.MemoryRecords;
import io.samsa.protocol.record.Records;
import io.samsa.protocol.types.Uuid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves message value trees (Kafka's JSON converter format, see {@link RandomMessageTree}) in and
 * out of Samsa's generated classes by reflection over the contract every generated class follows:
 * getter {@code groupId()}, fluent setter {@code setGroupId(..)}, arrays as {@code List<T>}, nested
 * structs as static nested classes with a no-argument constructor. The field list comes from
 * Kafka's spec, so a field Samsa lacks fails loudly here. Stateless.
 */
final class SamsaTrees {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SamsaTrees() {
    }

    /** Builds a Samsa message of {@code type} holding the values of {@code tree}. */
    static <T> T fromTree(Class<T> type, List<KafkaMessageSpec.Field> fields, JsonNode tree, short version) {
        T target = newInstance(type);
        for (KafkaMessageSpec.Field field : fields) {
            if (!field.presentIn(version) || !tree.has(field.camelName())) {
                continue;
            }
            Method setter = setter(type, field);
            Type parameter = setter.getGenericParameterTypes()[0];
            Object value = toJava(field, tree.get(field.camelName()), parameter, version);
            Reflection.invoke(setter, target, value);
        }
        return target;
    }

    /** Reads every field of {@code fields} present at {@code version} out of a Samsa message. */
    static ObjectNode toTree(Object message, List<KafkaMessageSpec.Field> fields, short version) {
        ObjectNode node = NODES.objectNode();
        for (KafkaMessageSpec.Field field : fields) {
            if (field.presentIn(version)) {
                node.set(field.camelName(), toNode(field, Reflection.accessor(message, field.camelName()), version));
            }
        }
        return node;
    }

    private static Object toJava(KafkaMessageSpec.Field field, JsonNode node, Type javaType, short version) {
        if (node.isNull()) {
            return null;
        }
        if (field.isArray()) {
            Type elementType = ((ParameterizedType) javaType).getActualTypeArguments()[0];
            List<Object> list = new ArrayList<>();
            for (JsonNode element : node) {
                list.add(field.isStruct()
                    ? fromTree((Class<?>) elementType, field.fields(), element, version)
                    : primitiveToJava(field.elementType(), element));
            }
            return list;
        }
        if (field.isStruct()) {
            return fromTree((Class<?>) javaType, field.fields(), node, version);
        }
        return primitiveToJava(field.type(), node);
    }

    private static Object primitiveToJava(String type, JsonNode node) {
        return switch (type) {
            case "bool" -> node.booleanValue();
            case "int8" -> (byte) node.intValue();
            case "int16" -> (short) node.intValue();
            case "int32", "uint16" -> node.intValue();
            case "int64", "uint32" -> node.longValue();
            case "float64" -> node.doubleValue();
            case "string" -> node.textValue();
            case "uuid" -> Uuid.fromString(node.textValue());
            case "bytes" -> binary(node);
            case "records" -> new MemoryRecords(ByteBuffer.wrap(binary(node)));
            default -> throw new IllegalArgumentException("unknown primitive type " + type);
        };
    }

    private static JsonNode toNode(KafkaMessageSpec.Field field, Object value, short version) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (field.isArray()) {
            ArrayNode array = NODES.arrayNode();
            for (Object element : (List<?>) value) {
                array.add(field.isStruct() ? toTree(element, field.fields(), version) : primitiveToNode(field.elementType(), element));
            }
            return array;
        }
        if (field.isStruct()) {
            return toTree(value, field.fields(), version);
        }
        return primitiveToNode(field.type(), value);
    }

    private static JsonNode primitiveToNode(String type, Object value) {
        return switch (type) {
            case "bool" -> NODES.booleanNode((Boolean) value);
            case "int8", "int16", "int32", "uint16" -> NODES.numberNode(((Number) value).intValue());
            case "int64", "uint32" -> NODES.numberNode(((Number) value).longValue());
            case "float64" -> NODES.numberNode((Double) value);
            case "string" -> NODES.textNode((String) value);
            case "uuid" -> NODES.textNode(value.toString());
            case "bytes" -> new BinaryNode((byte[]) value);
            case "records" -> new BinaryNode(recordBytes((Records) value));
            default -> throw new IllegalArgumentException("unknown primitive type " + type);
        };
    }

    private static byte[] recordBytes(Records records) {
        if (!(records instanceof MemoryRecords memoryRecords)) {
            throw new AssertionError("decoded records should be MemoryRecords, were " + records.getClass());
        }
        ByteBuffer buffer = memoryRecords.buffer();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private static byte[] binary(JsonNode node) {
        try {
            return node.binaryValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Method setter(Class<?> type, KafkaMessageSpec.Field field) {
        String name = "set" + Character.toUpperCase(field.name().charAt(0)) + field.name().substring(1);
        for (Method method : type.getMethods()) {
            if (method.getName().equals(name) && method.getParameterCount() == 1) {
                return method;
            }
        }
        throw new AssertionError(type.getName() + " has no setter " + name + "(..) for field "
            + field.name() + " (" + field.type() + ")");
    }

    static <T> T newInstance(Class<T> type) {
        try {
            return type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(type.getName() + " has no public no-argument constructor", e);
        }
    }
}
