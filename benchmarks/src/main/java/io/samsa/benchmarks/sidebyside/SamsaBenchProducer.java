package io.samsa.benchmarks.sidebyside;

import io.samsa.client.producer.Callback;
import io.samsa.client.producer.ProducerRecord;
import io.samsa.client.producer.SamsaProducer;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@link BenchProducer} over Samsa's {@link SamsaProducer}, with {@link ClientSettings#producer}.
 * One shared callback notes the first failure.
 *
 * <p>Thread-safe.
 */
final class SamsaBenchProducer implements BenchProducer {
    private final SamsaProducer<byte[], byte[]> producer;
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
    private final Callback callback = (metadata, exception) -> {
        if (exception != null) {
            firstFailure.compareAndSet(null, exception);
        }
    };

    SamsaBenchProducer(String bootstrapServers) {
        this.producer = new SamsaProducer<>(ClientSettings.producer(ClientKind.SAMSA, bootstrapServers));
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
