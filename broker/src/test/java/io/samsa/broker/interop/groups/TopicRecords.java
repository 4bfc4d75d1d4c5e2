package io.samsa.broker.interop.groups;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes a known set of records to a topic with the kafka-clients 4.1 producer: the same number to
 * every partition, each value a small JSON object naming its topic, partition and index (JSON so
 * the kafka-python example's {@code json.loads} deserializer accepts it).
 *
 * <p>Stateless; each call opens and closes its own producer.
 */
final class TopicRecords {
    private TopicRecords() {
    }

    /**
     * Appends {@code perPartition} records to each of {@code partitions} partitions, starting at index
     * {@code firstIndex}, and waits until every one is acknowledged.
     */
    static void produce(String bootstrap, String topic, int partitions, int firstIndex, int perPartition) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (int partition = 0; partition < partitions; partition++) {
                for (int i = firstIndex; i < firstIndex + perPartition; i++) {
                    sends.add(producer.send(new ProducerRecord<>(topic, partition, "k" + i, value(topic, partition, i))));
                }
            }
            producer.flush();
            for (Future<RecordMetadata> send : sends) {
                send.get(); // a failed send fails the caller, not a later read
            }
        }
    }

    /** @return the value {@link #produce} writes for record {@code index} of {@code partition} */
    static String value(String topic, int partition, int index) {
        return "{\"topic\": \"" + topic + "\", \"partition\": " + partition + ", \"index\": " + index + "}";
    }
}
