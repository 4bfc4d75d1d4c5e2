package io.samsa.benchmarks.sidebyside;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * {@link BenchConsumer} over kafka-clients' {@link KafkaConsumer}, with {@link ClientSettings#consumer}.
 *
 * <p>Not thread-safe.
 */
final class KafkaBenchConsumer implements BenchConsumer {
    private final KafkaConsumer<byte[], byte[]> consumer;

    KafkaBenchConsumer(String bootstrapServers) {
        this.consumer = new KafkaConsumer<>(ClientSettings.consumer(ClientKind.KAFKA, bootstrapServers));
    }

    @Override
    public void assignFromBeginning(String topic) {
        List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0));
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    @Override
    public int poll(long timeoutMs, RecordSink sink) {
        int count = 0;
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(timeoutMs))) {
            sink.accept(record.timestamp(), record.value());
            count++;
        }
        return count;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
