package io.samsa.benchmarks.sidebyside;

import io.samsa.client.common.TopicPartition;
import io.samsa.client.consumer.ConsumerRecord;
import io.samsa.client.consumer.SamsaConsumer;
import java.time.Duration;
import java.util.List;

/**
 * {@link BenchConsumer} over Samsa's {@link SamsaConsumer}, with {@link ClientSettings#consumer}.
 *
 * <p>Not thread-safe.
 */
final class SamsaBenchConsumer implements BenchConsumer {
    private final SamsaConsumer<byte[], byte[]> consumer;

    SamsaBenchConsumer(String bootstrapServers) {
        this.consumer = new SamsaConsumer<>(ClientSettings.consumer(ClientKind.SAMSA, bootstrapServers));
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
