package io.samsa.broker.scenarios;

import io.samsa.broker.testing.ClusterClients;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * An idempotent acks=all producer sending unique values round-robin over a topic's partitions in a
 * thread of its own until stopped or a record limit is sent, at most {@code window} records
 * unacknowledged at a time; it keeps
 * what was sent, acknowledged (with its offset) and failed.
 *
 * <p>Thread-safe: the producer thread sends, the test thread reads and stops.
 */
final class BackgroundProducer implements AutoCloseable {
    private final KafkaProducer<String, String> producer;
    private final String topic;
    private final int partitions;
    private final Semaphore window;
    private final long limit;
    private final Thread thread;
    private final Set<String> sent = ConcurrentHashMap.newKeySet();
    private final List<Appended> acked = new CopyOnWriteArrayList<>();
    private final List<Exception> failed = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;
    private volatile Throwable died;

    private BackgroundProducer(String bootstrap, String topic, int partitions, int window, long limit) {
        this.producer = ClusterClients.producer(bootstrap, Map.of());
        this.topic = topic;
        this.partitions = partitions;
        this.window = new Semaphore(window);
        this.limit = limit;
        this.thread = new Thread(this::run, "background-producer-" + topic);
    }

    /** Sends until {@link #close}. */
    static BackgroundProducer start(String bootstrap, String topic, int partitions, int window) {
        return start(bootstrap, topic, partitions, window, Long.MAX_VALUE);
    }

    /** Sends {@code limit} records, or fewer if closed first. */
    static BackgroundProducer start(String bootstrap, String topic, int partitions, int window, long limit) {
        BackgroundProducer started = new BackgroundProducer(bootstrap, topic, partitions, window, limit);
        started.thread.start();
        return started;
    }

    private void run() {
        try {
            for (long i = 0; running && i < limit; i++) {
                if (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    i--;
                    continue;
                }
                String value = topic + "-" + i;
                sent.add(value);
                producer.send(new ProducerRecord<>(topic, (int) (i % partitions), "k" + i, value), (metadata, error) -> {
                    if (error == null) {
                        acked.add(new Appended(metadata.partition(), metadata.offset(), value));
                    } else {
                        failed.add(error);
                    }
                    window.release();
                });
            }
            producer.flush();
        } catch (Throwable e) {
            died = e;
        }
    }

    /** @return how many records are acknowledged so far */
    int ackedCount() {
        return acked.size();
    }

    List<Appended> acked() {
        return List.copyOf(acked);
    }

    List<Exception> failed() {
        return List.copyOf(failed);
    }

    Set<String> sent() {
        return Set.copyOf(sent);
    }

    /** @return what stopped the producer thread, or null */
    Throwable died() {
        return died;
    }

    /** Waits until the record limit is sent and every record acknowledged or failed, then closes the producer. */
    void finish() throws InterruptedException {
        thread.join(TimeUnit.MINUTES.toMillis(3));
        if (thread.isAlive()) {
            throw new AssertionError("the producer did not finish within 3 minutes: " + acked.size() + " acknowledged");
        }
        producer.close();
    }

    /** Stops sending, waits for every record in flight to be acknowledged or failed, closes the producer. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(TimeUnit.MINUTES.toMillis(3));
        producer.close();
    }
}
