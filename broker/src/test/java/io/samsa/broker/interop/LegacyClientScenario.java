package io.samsa.broker.interop;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * The main a child JVM runs with kafka-clients 3.9.0 on its classpath (see {@link LegacyClientJvm}).
 * Compiled against the 4.1 API of the test classpath, so it uses only calls that 3.9 has too, and
 * no other test class.
 *
 * <p>{@code LegacyClientScenario BOOTSTRAP TOPIC COMPRESSION < key:value lines}: prints the client
 * version to stderr; produces every line with the 3.9 defaults (idempotent, acks=all) waiting for
 * each acknowledgement; assigns every partition, checks the end offsets (ListOffsets) add up to the
 * count sent, seeks to offset 0 and prints records as {@code partition:offset:key:value} until as
 * many as were sent have arrived. Exits 0 on success, non-zero on any failure.
 */
public final class LegacyClientScenario {
    private static final Duration DEADLINE = Duration.ofSeconds(45);

    private LegacyClientScenario() {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String topic = args[1];
        String compression = args[2];
        System.err.println("kafka-clients version " + AppInfoParser.getVersion());
        List<String[]> lines = readKeyValueLines();
        produce(bootstrap, topic, compression, lines);
        consume(bootstrap, topic, lines.size());
        System.out.flush();
    }

    private static List<String[]> readKeyValueLines() throws Exception {
        List<String[]> lines = new ArrayList<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (!line.isEmpty()) {
                lines.add(line.split(":", 2));
            }
        }
        return lines;
    }

    private static void produce(String bootstrap, String topic, String compression, List<String[]> lines) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("compression.type", compression);
        props.put("linger.ms", "5");
        props.put("key.serializer", StringSerializer.class.getName());
        props.put("value.serializer", StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (String[] kv : lines) {
                acks.add(producer.send(new ProducerRecord<>(topic, kv[0], kv[1])));
            }
            producer.flush();
            for (Future<RecordMetadata> ack : acks) {
                ack.get(); // throws the delivery error, if any
            }
        }
    }

    private static void consume(String bootstrap, String topic, int expected) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("enable.auto.commit", "false");
        props.put("key.deserializer", StringDeserializer.class.getName());
        props.put("value.deserializer", StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, DEADLINE)) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            long endSum = consumer.endOffsets(partitions, DEADLINE).values().stream().mapToLong(Long::longValue).sum();
            if (endSum != expected) {
                throw new IllegalStateException("end offsets add up to " + endSum + ", not the " + expected + " records sent");
            }
            partitions.forEach(tp -> consumer.seek(tp, 0));
            long deadlineNs = System.nanoTime() + DEADLINE.toNanos();
            int received = 0;
            while (received < expected) {
                if (System.nanoTime() - deadlineNs > 0) {
                    throw new IllegalStateException("read " + received + " of " + expected + " records before the deadline");
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    System.out.println(r.partition() + ":" + r.offset() + ":" + r.key() + ":" + r.value());
                    received++;
                }
            }
        }
    }
}
