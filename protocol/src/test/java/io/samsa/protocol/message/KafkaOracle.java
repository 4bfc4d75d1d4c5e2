package io.samsa.protocol.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Message;
import org.apache.kafka.common.protocol.MessageUtil;
import org.apache.kafka.common.protocol.Readable;
import org.apache.kafka.common.record.MemoryRecords;

/**
 * kafka-clients as the oracle for one message: its generated {@code <Name>Data} class and
 * {@code <Name>DataJsonConverter}, reached by reflection so one table covers every message.
 * JSON trees go in and out in the converters' own format. Stateless after construction;
 * thread-safe.
 */
final class KafkaOracle {
    private static final String PACKAGE = "org.apache.kafka.common.message.";

    private final String messageName;
    private final KafkaMessageSpec spec;
    private final Constructor<?> decodingConstructor;
    private final Method jsonRead;
    private final Method jsonWrite;

    KafkaOracle(KafkaMessageSpec spec) {
        this.messageName = spec.name();
        this.spec = spec;
        try {
            Class<?> dataClass = dataClass(spec.name());
            Class<?> converter = Class.forName(dataClass.getName() + "JsonConverter");
            this.decodingConstructor = dataClass.getConstructor(Readable.class, short.class);
            this.jsonRead = converter.getMethod("read", JsonNode.class, short.class);
            this.jsonWrite = converter.getMethod("write", dataClass, short.class, boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("kafka-clients has no message class for " + spec.name(), e);
        }
    }

    /** Request/response classes end in "Data"; data messages (ConsumerProtocol...) do not. */
    private static Class<?> dataClass(String messageName) throws ClassNotFoundException {
        try {
            return Class.forName(PACKAGE + messageName + "Data");
        } catch (ClassNotFoundException e) {
            return Class.forName(PACKAGE + messageName);
        }
    }

    /** JSON tree -> Kafka message object. */
    Message fromTree(JsonNode tree, short version) {
        return (Message) Reflection.invoke(jsonRead, null, tree, version);
    }

    /**
     * Kafka message object -> JSON tree. Kafka's converters write records fields as empty binary
     * whatever they hold, so those are filled in here from the message's own records.
     */
    JsonNode toTree(Message message, short version) {
        JsonNode tree = (JsonNode) Reflection.invoke(jsonWrite, null, message, version, true);
        fillRecords(spec.fields(), message, (ObjectNode) tree, version);
        return tree;
    }

    private static void fillRecords(List<KafkaMessageSpec.Field> fields, Object struct, ObjectNode node, short version) {
        for (KafkaMessageSpec.Field field : fields) {
            if (!field.presentIn(version) || !node.hasNonNull(field.camelName())) {
                continue;
            }
            Object value = Reflection.accessor(struct, field.camelName());
            if (field.type().equals("records")) {
                ByteBuffer buffer = ((MemoryRecords) value).buffer().duplicate();
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                node.set(field.camelName(), new BinaryNode(bytes));
            } else if (field.isStruct() && field.isArray()) {
                int i = 0;
                for (Object element : (Iterable<?>) value) {
                    fillRecords(field.fields(), element, (ObjectNode) node.get(field.camelName()).get(i++), version);
                }
            } else if (field.isStruct()) {
                fillRecords(field.fields(), value, (ObjectNode) node.get(field.camelName()), version);
            }
        }
    }

    /**
     * Calls {@code visitor} with the message and every nested struct present at {@code version},
     * each with its field specs.
     */
    void forEachStruct(Message message, short version, BiConsumer<Message, List<KafkaMessageSpec.Field>> visitor) {
        forEachStruct(message, spec.fields(), version, visitor);
    }

    private static void forEachStruct(Message struct, List<KafkaMessageSpec.Field> fields, short version,
                                      BiConsumer<Message, List<KafkaMessageSpec.Field>> visitor) {
        visitor.accept(struct, fields);
        for (KafkaMessageSpec.Field field : fields) {
            if (!field.presentIn(version) || !field.isStruct()) {
                continue;
            }
            Object value = Reflection.accessor(struct, field.camelName());
            if (value instanceof Iterable<?> elements) {
                for (Object element : elements) {
                    forEachStruct((Message) element, field.fields(), version, visitor);
                }
            } else if (value != null) {
                forEachStruct((Message) value, field.fields(), version, visitor);
            }
        }
    }

    /** Encodes the message body exactly as a Kafka client or broker would put it on the wire. */
    static byte[] encode(Message message, short version) {
        ByteBuffer buffer = MessageUtil.toByteBufferAccessor(message, version).buffer();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /**
     * Decodes a message body with kafka-clients.
     *
     * @throws AssertionError when Kafka leaves bytes unread
     */
    Message decode(byte[] bytes, short version) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        Message message;
        try {
            message = (Message) decodingConstructor.newInstance(new ByteBufferAccessor(buffer), version);
        } catch (InvocationTargetException e) {
            throw new AssertionError("kafka-clients cannot decode " + messageName + " v" + version
                + " bytes written by Samsa: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        if (buffer.hasRemaining()) {
            throw new AssertionError("kafka-clients left " + buffer.remaining() + " of " + bytes.length
                + " bytes unread decoding " + messageName + " v" + version);
        }
        return message;
    }
}
