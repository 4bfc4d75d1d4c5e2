package io.samsa.broker.scenarios;

import io.samsa.broker.testing.ClusterClients;
import io.samsa.protocol.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads every record of a topic from the start up to its high watermark with a group-less
 * kafka-clients consumer, and checks it against what a producer had acknowledged.
 *
 * <p>Stateless; thread-safe.
 */
final class TopicLog {
    private TopicLog() {
    }

    /** @return every record below each partition's high watermark now, in partition and offset order */
    static List<Appended> readAll(String bootstrap, String topic, int partitions) {
        try (KafkaConsumer<String, String> consumer = ClusterClients.consumer(bootstrap, Map.of())) {
            List<TopicPartition> all = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                all.add(new TopicPartition(topic, p));
            }
            consumer.assign(all);
            consumer.seekToBeginning(all);
            Map<TopicPartition, Long> ends = consumer.endOffsets(all, Duration.ofSeconds(30));
            List<Appended> read = new ArrayList<>();
            Await.until(ClusterClients.SETTLE, "reading " + topic + " up to " + ends, () -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    read.add(new Appended(record.partition(), record.offset(), record.value()));
                }
                return all.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp));
            });
            read.sort(java.util.Comparator.comparingInt(Appended::partition).thenComparingLong(Appended::offset));
            return read;
        }
    }

    /**
     * Asserts that every acknowledged record is in the log exactly once, at the offset it was
     * acknowledged with, and that the log holds nothing else but records the producer sent.
     */
    static void assertAckedExactlyOnce(List<Appended> acked, List<Appended> log, Set<String> sent) {
        Map<String, List<Appended>> byValue = new TreeMap<>();
        for (Appended record : log) {
            byValue.computeIfAbsent(record.value(), v -> new ArrayList<>()).add(record);
        }
        List<String> problems = new ArrayList<>();
        for (Appended ack : acked) {
            List<Appended> found = byValue.getOrDefault(ack.value(), List.of());
            if (found.size() != 1) {
                problems.add(ack + " found " + found.size() + " times: " + found);
            } else if (!found.get(0).equals(ack)) {
                problems.add(ack + " is in the log at " + found.get(0));
            }
        }
        byValue.forEach((value, found) -> {
            if (!sent.contains(value)) {
                problems.add("the log holds a value never sent: " + found);
            } else if (found.size() > 1) {
                problems.add("duplicate in the log: " + found);
            }
        });
        if (!problems.isEmpty()) {
            throw new AssertionError(problems.size() + " problems among " + acked.size() + " acknowledged and "
                    + log.size() + " logged records, the first: " + problems.subList(0, Math.min(20, problems.size())));
        }
    }
}
