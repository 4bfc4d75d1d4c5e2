package io.samsa.broker.scenarios;

import io.samsa.broker.testing.ClusterClients;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * One member of a consumer group in a thread of its own: poll, record what it read, commitSync, and
 * again, until stopped. Members of one group share a {@link Ledger}, which checks on every record
 * that a re-read starts no earlier than the last offset some member had committed successfully (a
 * member never re-reads more than it had not yet committed), and counts the rebalances after the
 * first assignment.
 *
 * <p>Thread-safe: the member's thread drives the consumer, the test thread only stops it and reads.
 */
final class CommittingMember implements AutoCloseable {
    private final String name;
    private final KafkaConsumer<String, String> consumer;
    private final String topic;
    private final Ledger ledger;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable died;
    private final AtomicInteger assignments = new AtomicInteger();
    private final AtomicInteger revocations = new AtomicInteger();
    private final AtomicInteger failedCommits = new AtomicInteger();

    private CommittingMember(String name, KafkaConsumer<String, String> consumer, String topic, Ledger ledger) {
        this.name = name;
        this.consumer = consumer;
        this.topic = topic;
        this.ledger = ledger;
        this.thread = new Thread(this::run, name);
    }

    /** Starts a member of {@code group} with the scenario's consumer settings plus {@code overrides}. */
    static CommittingMember start(String name, String bootstrap, String group, String topic, Ledger ledger,
            Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(Map.of("group.id", group, "max.poll.records", "10",
                "session.timeout.ms", "10000", "heartbeat.interval.ms", "1000", "max.poll.interval.ms", "120000"));
        settings.putAll(overrides);
        CommittingMember member = new CommittingMember(name, ClusterClients.consumer(bootstrap, settings), topic, ledger);
        member.thread.start();
        return member;
    }

    private void run() {
        try {
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    if (!partitions.isEmpty()) {
                        revocations.incrementAndGet();
                    }
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    assignments.incrementAndGet();
                }
            });
            while (running) {
                boolean any = false;
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    ledger.read(name, new Appended(record.partition(), record.offset(), record.value()));
                    any = true;
                }
                if (any) {
                    commit();
                }
            }
        } catch (Throwable e) {
            died = e;
        } finally {
            consumer.close(Duration.ofSeconds(10));
        }
    }

    private void commit() {
        Map<TopicPartition, Long> positions = new HashMap<>();
        for (TopicPartition partition : consumer.assignment()) {
            positions.put(partition, consumer.position(partition));
        }
        try {
            consumer.commitSync(Duration.ofSeconds(30));
            positions.forEach((partition, offset) -> ledger.committed(partition.partition(), offset));
        } catch (RuntimeException e) {
            // the coordinator moved or the group is rebalancing: the next poll goes on, the offsets stay uncommitted
            failedCommits.incrementAndGet();
        }
    }

    /** @return how many times the member got an assignment (1 when it never rebalanced) */
    int assignments() {
        return assignments.get();
    }

    /** @return how many times partitions were taken from the member */
    int revocations() {
        return revocations.get();
    }

    int failedCommits() {
        return failedCommits.get();
    }

    /** @return whether the member got partitions at least once */
    boolean hasBeenAssigned() {
        return assignments.get() > 0;
    }

    /** @return what killed the member's thread, or null */
    Throwable died() {
        return died;
    }

    /** Stops polling and closes the consumer (leaving the group). */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(Duration.ofSeconds(30).toMillis());
    }

    /** What the members of one group read and committed, shared between them. Thread-safe. */
    static final class Ledger {
        private final Map<Integer, Long> committed = new ConcurrentHashMap<>();
        private final Map<Integer, Long> maxRead = new ConcurrentHashMap<>();
        private final Set<String> readValues = ConcurrentHashMap.newKeySet();
        private final List<Appended> all = new CopyOnWriteArrayList<>();
        private final List<String> violations = new CopyOnWriteArrayList<>();
        private final AtomicInteger rereads = new AtomicInteger();

        synchronized void read(String member, Appended record) {
            long highest = maxRead.getOrDefault(record.partition(), -1L);
            if (record.offset() <= highest) {
                rereads.incrementAndGet();
                long floor = committed.getOrDefault(record.partition(), 0L);
                if (record.offset() < floor) {
                    violations.add(member + " re-read " + record + " below the committed offset " + floor);
                }
            }
            maxRead.merge(record.partition(), record.offset(), Math::max);
            readValues.add(record.value());
            all.add(record);
        }

        synchronized void committed(int partition, long offset) {
            committed.merge(partition, offset, Math::max);
        }

        /** @return the highest offset per partition some member committed successfully */
        synchronized Map<Integer, Long> committed() {
            return Map.copyOf(committed);
        }

        /** @return how many distinct values were read */
        int distinctRead() {
            return readValues.size();
        }

        /** @return every record read, in order of reading */
        List<Appended> all() {
            return List.copyOf(all);
        }

        int rereads() {
            return rereads.get();
        }

        List<String> violations() {
            return List.copyOf(violations);
        }
    }
}
