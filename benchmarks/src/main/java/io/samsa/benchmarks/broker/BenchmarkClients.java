package io.samsa.benchmarks.broker;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The kafka-clients settings every benchmark client starts from (byte-array records, defaults
 * otherwise), and their teardown with the broker they talk to. Used by the side-by-side run too, so
 * both measure the same clients. Stateless.
 */
public final class BenchmarkClients {
    private BenchmarkClients() {
    }

    /** A byte-array producer with {@code acks}; callers add anything else they change. */
    public static Properties producer(String bootstrapServers, String acks) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, acks);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }

    /** A byte-array consumer without a group and without auto-commit, for {@code assign()}. */
    public static Properties consumer(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return props;
    }

    /** Closes the client, then the broker; either may be null (a trial whose set-up failed). */
    static void close(AutoCloseable client, InProcessBroker broker) throws Exception {
        try {
            if (client != null) {
                client.close();
            }
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
    }
}
