package io.samsa.broker.interop.groups;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * kafka-clients 4.1 classic-protocol group consumers with test-friendly timings (short session and
 * heartbeat, manual commits unless a test overrides it), and the one-poll step the tests repeat.
 *
 * <p>Stateless; thread-safe.
 */
final class GroupConsumers {
    private GroupConsumers() {
    }

    /** @return the settings every test consumer starts from; {@code overrides} win */
    static Properties config(String bootstrap, String group, Map<String, String> overrides) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "6000");
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "300");
        props.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, "20000");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.putAll(overrides);
        return props;
    }

    static KafkaConsumer<String, String> open(String bootstrap, String group, Map<String, String> overrides) {
        return new KafkaConsumer<>(config(bootstrap, group, overrides));
    }

    /** One short poll; what it returned is added to {@code sink}. */
    static void pollInto(KafkaConsumer<String, String> consumer, Collection<Consumed> sink) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
            sink.add(new Consumed(record.partition(), record.offset(), record.value()));
        }
    }

    /** One short poll, then a synchronous commit of what it returned. */
    static void pollAndCommit(KafkaConsumer<String, String> consumer, Collection<Consumed> sink) {
        int before = sink.size();
        pollInto(consumer, sink);
        if (sink.size() > before) {
            consumer.commitSync();
        }
    }
}
