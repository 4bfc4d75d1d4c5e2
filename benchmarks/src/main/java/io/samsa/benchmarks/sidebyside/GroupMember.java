package io.samsa.benchmarks.sidebyside;

import io.samsa.benchmarks.broker.BenchmarkClients;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * One kafka-clients group consumer polling on a thread of its own, for {@link RebalanceRun}. It
 * publishes its assignment after every rebalance callback, with the time the callback ran, so
 * another thread can see when the whole group holds a full assignment.
 *
 * <p>Thread-safe: {@link #assignment()} and {@link #assignedAtNs()} are read from any thread; the
 * consumer itself is only touched by the member's thread ({@link KafkaConsumer#wakeup} excepted).
 */
final class GroupMember implements AutoCloseable {
    /** The member's view after its latest rebalance callback. Immutable. */
    record Snapshot(Set<TopicPartition> assignment, long atNs) {
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private volatile Snapshot snapshot = new Snapshot(Set.of(), 0);
    private volatile long subscribedAtNs;
    private volatile boolean stopping;
    private volatile Throwable failure;

    /**
     * Creates the consumer; {@link #start} subscribes and starts polling. The clock of
     * {@link #subscribedAtNs()} starts right before {@code subscribe}.
     *
     * @param assignor {@code partition.assignment.strategy} class name
     */
    GroupMember(String bootstrapServers, String group, String topic, String assignor, int sessionTimeoutMs,
                int heartbeatIntervalMs, String clientId) {
        Properties props = BenchmarkClients.consumer(bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, assignor);
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Integer.toString(sessionTimeoutMs));
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Integer.toString(heartbeatIntervalMs));
        this.consumer = new KafkaConsumer<>(props);
        this.thread = new Thread(() -> pollUntilStopped(topic), clientId);
        thread.setDaemon(true);
    }

    /** Subscribes and polls on the member's own thread. */
    GroupMember start() {
        thread.start();
        return this;
    }

    private void pollUntilStopped(String topic) {
        try {
            subscribedAtNs = System.nanoTime();
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    publish();
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    publish();
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {
                    publish();
                }
            });
            while (!stopping) {
                consumer.poll(Duration.ofMillis(100));
            }
        } catch (WakeupException e) {
            // close() woke the poll
        } catch (Throwable e) {
            failure = e;
        } finally {
            consumer.close(Duration.ofSeconds(10));
        }
    }

    /** Called from the rebalance callbacks, on the member's thread. */
    private void publish() {
        snapshot = new Snapshot(Set.copyOf(consumer.assignment()), System.nanoTime());
    }

    Snapshot snapshot() {
        return snapshot;
    }

    /** System.nanoTime() right before subscribe; 0 until then. */
    long subscribedAtNs() {
        return subscribedAtNs;
    }

    /** @throws IllegalStateException when the member's poll loop failed */
    void checkHealthy() {
        Throwable error = failure;
        if (error != null) {
            throw new IllegalStateException(thread.getName() + " failed: " + error, error);
        }
    }

    /** Asks the thread to stop; {@link #awaitClosed} waits for the consumer's close (LeaveGroup). */
    void stop() {
        stopping = true;
        consumer.wakeup();
    }

    void awaitClosed() {
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
        awaitClosed();
    }
}
