package io.samsa.benchmarks.sidebyside;

import io.samsa.benchmarks.broker.BenchmarkClients;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Failover time of a cluster: a kafka-clients producer ({@code acks=all}, idempotent, otherwise at
 * kafka-clients defaults) sends one record at a time to partition 0 of a replicated topic and waits for
 * each ack; once it is acknowledging steadily, the partition's leader is killed with kill -9, and the
 * failover time runs from just before the kill until the next acknowledged send. Both clusters get the
 * same client settings and their own defaults for failure detection ({@code broker.session.timeout.ms}).
 *
 * <p>Runs in the harness's JVM: its figure is seconds of failure detection and metadata refresh, not
 * client CPU. Single-threaded apart from the sending thread.
 */
final class FailoverRun {
    private static final int WARM_ACKS = 50;
    private static final long SEND_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final Duration MAX_FAILOVER = Duration.ofSeconds(120);

    /** One failover: which node led, how long until the next ack, who leads now. Immutable. */
    record Failover(int killedLeader, long failoverMs, int newLeader) {
        @Override
        public String toString() {
            return "leader " + killedLeader + " killed, next ack after " + failoverMs + " ms, new leader " + newLeader;
        }
    }

    private FailoverRun() {
    }

    /** @throws IllegalStateException when no send is acknowledged within two minutes of the kill */
    static Failover run(ClusterProcess cluster, String topic) {
        int leader = leaderOf(cluster.bootstrapServers(), topic);
        Properties props = BenchmarkClients.producer(cluster.bootstrapServers(), "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(MAX_FAILOVER.toMillis() + 30_000));
        AtomicLong acks = new AtomicLong();
        AtomicLong killNs = new AtomicLong(Long.MAX_VALUE);
        AtomicLong firstAckAfterKillNs = new AtomicLong();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            BackgroundTask sender = BackgroundTask.start("failover-sender", () ->
                sendUntilAckedAfterKill(producer, topic, acks, killNs, firstAckAfterKillNs));
            long warmDeadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (acks.get() < WARM_ACKS) {
                if (System.nanoTime() - warmDeadlineNs > 0) {
                    throw new IllegalStateException("only " + acks.get() + " acks before the kill");
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
            killNs.set(System.nanoTime());
            cluster.kill(leader);
            sender.await(MAX_FAILOVER.plusSeconds(30), "no acknowledged send after the leader's kill");
        }
        long failoverMs = TimeUnit.NANOSECONDS.toMillis(firstAckAfterKillNs.get() - killNs.get());
        return new Failover(leader, failoverMs, leaderOf(cluster.bootstrapServers(), topic));
    }

    /** Sends record after record, each waited for, until one is acknowledged after {@code killNs}. */
    private static void sendUntilAckedAfterKill(KafkaProducer<byte[], byte[]> producer, String topic, AtomicLong acks,
                                                AtomicLong killNs, AtomicLong firstAckAfterKillNs) {
        byte[] value = new byte[100];
        while (true) {
            try {
                producer.send(new ProducerRecord<>(topic, 0, null, value)).get(MAX_FAILOVER.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("a send failed: " + e, e);
            }
            long nowNs = System.nanoTime();
            acks.incrementAndGet();
            if (nowNs - killNs.get() > 0) {
                firstAckAfterKillNs.set(nowNs);
                return;
            }
            LockSupport.parkNanos(SEND_INTERVAL_NS);
        }
    }

    /** The current leader of partition 0, by Metadata; waits for one to be elected. */
    static int leaderOf(String bootstrapServers, String topic) {
        long deadlineNs = System.nanoTime() + MAX_FAILOVER.toNanos();
        try (Admin admin = Topics.admin(bootstrapServers)) {
            while (true) {
                TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get(60, TimeUnit.SECONDS)
                    .get(topic);
                TopicPartitionInfo partition = description.partitions().get(0);
                if (partition.leader() != null && partition.leader().id() >= 0) {
                    return partition.leader().id();
                }
                if (System.nanoTime() - deadlineNs > 0) {
                    throw new IllegalStateException("no leader for " + topic + "-0: " + partition);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe " + topic + ": " + e, e);
        }
    }
}
