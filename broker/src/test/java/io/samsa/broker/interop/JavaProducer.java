package io.samsa.broker.interop;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Kafka's 4.1 producer (test scope) configured for the durability tests: idempotent, acks=all,
 * short timeouts so a dead broker fails sends quickly instead of stalling the test.
 *
 * <p>Stateless; thread-safe.
 */
final class JavaProducer {
    private JavaProducer() {
    }

    /** @return a producer; {@code extra} overrides the defaults */
    static KafkaProducer<String, String> create(String bootstrap, Map<String, String> extra) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.putAll(extra);
        return new KafkaProducer<>(props);
    }

    /** Sends every expected record to {@code topic} and waits for all acknowledgements. */
    static void sendAll(String bootstrap, String topic, Expected expected) throws Exception {
        try (KafkaProducer<String, String> producer = create(bootstrap, Map.of())) {
            List<Future<?>> acks = new ArrayList<>();
            for (int i = 0; i < expected.size(); i++) {
                acks.add(producer.send(new ProducerRecord<>(topic, expected.keys().get(i), expected.values().get(i))));
            }
            producer.flush();
            for (Future<?> ack : acks) {
                ack.get();
            }
        }
    }
}
