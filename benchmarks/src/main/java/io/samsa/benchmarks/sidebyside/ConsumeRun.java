package io.samsa.benchmarks.sidebyside;

import io.samsa.benchmarks.broker.BenchmarkClients;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads partition 0 of a topic from the beginning with a kafka-clients consumer ({@code assign()},
 * no group, client defaults otherwise) until the expected number of records has arrived, and times it
 * from the first poll. The clock includes the consumer's metadata and ListOffsets round trips, as a
 * real reader's would.
 *
 * <p>Stateless.
 */
final class ConsumeRun {
    private ConsumeRun() {
    }

    /** @throws IllegalStateException when no record arrives for {@code stallTimeout} */
    static ConsumeResult run(String bootstrapServers, String topic, long records, Duration stallTimeout) {
        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(BenchmarkClients.consumer(bootstrapServers))) {
            long startNs = System.nanoTime();
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long read = 0;
            long valueBytes = 0;
            long lastProgressNs = startNs;
            while (read < records) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<byte[], byte[]> record : batch) {
                    read++;
                    valueBytes += record.value() == null ? 0 : record.value().length;
                }
                long nowNs = System.nanoTime();
                if (!batch.isEmpty()) {
                    lastProgressNs = nowNs;
                } else if (nowNs - lastProgressNs > stallTimeout.toNanos()) {
                    throw new IllegalStateException("consumer stalled at " + read + " of " + records + " records");
                }
            }
            return new ConsumeResult(read, valueBytes, System.nanoTime() - startNs);
        }
    }
}
