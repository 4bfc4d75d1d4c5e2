package io.samsa.benchmarks.sidebyside;

import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * {@link BenchProducer} over kafka-clients' {@link KafkaProducer}, with {@link ClientSettings#producer}.
 * One shared callback notes the first failure.
 *
 * <p>Thread-safe.
 */
final class KafkaBenchProducer implements BenchProducer {
    private final KafkaProducer<byte[], byte[]> producer;
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
    private final Callback callback = (metadata, exception) -> {
        if (exception != null) {
            firstFailure.compareAndSet(null, exception);
        }
    };

    KafkaBenchProducer(String bootstrapServers) {
        this.producer = new KafkaProducer<>(ClientSettings.producer(ClientKind.KAFKA, bootstrapServers));
    }

    @Override
    public void send(String topic, long timestampMs, byte[] value) {
        producer.send(new ProducerRecord<>(topic, 0, timestampMs, null, value), callback);
    }

    @Override
    public void flush() {
        producer.flush();
        Exception failure = firstFailure.get();
        if (failure != null) {
            throw new IllegalStateException("a send failed: " + failure, failure);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
