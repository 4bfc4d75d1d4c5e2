package io.samsa.broker.interop.groups;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * A kafka-clients 4.1 group consumer in its own JVM, so a test can kill it with SIGKILL and leave
 * the broker a member that never says goodbye. Arguments: bootstrap, group, topic, and optionally
 * {@code consumer} for {@code group.protocol=consumer} (KIP-848, which refuses the classic session and
 * heartbeat settings, so the consumer then starts from the bare settings). It prints
 * {@code assigned <n>} whenever its assignment changes and {@code partition:offset:value} per record,
 * commits nothing, and exits by itself after two minutes in case the test never kills it.
 *
 * <p>Single-threaded.
 */
public final class ChildConsumerMain {
    private static final Duration LIFETIME = Duration.ofMinutes(2);

    private ChildConsumerMain() {
    }

    public static void main(String[] args) {
        long deadlineNs = System.nanoTime() + LIFETIME.toNanos();
        try (KafkaConsumer<String, String> consumer = args.length > 3 && args[3].equals("consumer")
                ? new KafkaConsumer<>(consumerProtocol(args[0], args[1])) : GroupConsumers.open(args[0], args[1], Map.of())) {
            consumer.subscribe(List.of(args[2]));
            Set<TopicPartition> reported = Set.of();
            while (System.nanoTime() - deadlineNs < 0) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    System.out.println(record.partition() + ":" + record.offset() + ":" + record.value());
                }
                if (!consumer.assignment().equals(reported)) {
                    reported = Set.copyOf(consumer.assignment());
                    System.out.println("assigned " + reported.size());
                }
                System.out.flush();
            }
        }
    }

    private static Properties consumerProtocol(String bootstrap, String group) {
        Properties props = GroupConsumers.config(bootstrap, group, Map.of());
        props.remove(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG);
        props.remove(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG);
        props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer");
        return props;
    }
}
