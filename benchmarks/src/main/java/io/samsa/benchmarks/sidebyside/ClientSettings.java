package io.samsa.benchmarks.sidebyside;

import java.util.Properties;

/**
 * The settings both clients get in the client comparison. The keys are Kafka's, which Samsa's client
 * reads too, so the two differ only in the (de)serializer class names: {@code acks=1} and the same
 * batch.size, linger.ms and compression.type (kafka-clients 4.1's defaults, spelled out so a change of
 * either client's default cannot skew the comparison); everything else at each client's defaults.
 *
 * <p>Stateless.
 */
final class ClientSettings {
    static final String ACKS = "1";
    static final int BATCH_SIZE_BYTES = 16_384;
    static final int LINGER_MS = 5;
    static final String COMPRESSION = "none";

    private ClientSettings() {
    }

    /** A byte-array producer of {@code kind}. */
    static Properties producer(ClientKind kind, String bootstrapServers) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("acks", ACKS);
        props.put("batch.size", Integer.toString(BATCH_SIZE_BYTES));
        props.put("linger.ms", Integer.toString(LINGER_MS));
        props.put("compression.type", COMPRESSION);
        props.put("key.serializer", serializationClass(kind, "ByteArraySerializer"));
        props.put("value.serializer", serializationClass(kind, "ByteArraySerializer"));
        return props;
    }

    /** A byte-array consumer of {@code kind}, without a group and without auto-commit, for {@code assign()}. */
    static Properties consumer(ClientKind kind, String bootstrapServers) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("enable.auto.commit", "false");
        props.put("key.deserializer", serializationClass(kind, "ByteArrayDeserializer"));
        props.put("value.deserializer", serializationClass(kind, "ByteArrayDeserializer"));
        return props;
    }

    /** One line for the table's caption. */
    static String describe() {
        return "acks=" + ACKS + ", batch.size=" + BATCH_SIZE_BYTES + ", linger.ms=" + LINGER_MS + ", compression.type="
            + COMPRESSION + ", other settings at each client's defaults";
    }

    private static String serializationClass(ClientKind kind, String simpleName) {
        return (kind == ClientKind.SAMSA ? "io.samsa.client.serialization." : "org.apache.kafka.common.serialization.") + simpleName;
    }
}
