package io.samsa.benchmarks.sidebyside;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;

/** Admin clients and topic creation for the side-by-side parts. Stateless. */
final class Topics {
    private Topics() {
    }

    /** An Admin client with generous timeouts (the machine may be busy) and short retry backoffs. */
    static Admin admin(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "60000");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "30000");
        // Short backoffs: the reload part polls for the end of COORDINATOR_LOAD_IN_PROGRESS through them.
        props.put(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, "10");
        props.put(AdminClientConfig.RETRY_BACKOFF_MAX_MS_CONFIG, "50");
        return Admin.create(props);
    }

    /**
     * Creates a topic of {@code replicationFactor} replicas with {@code configs} and waits until every
     * partition has a leader and a full ISR, so a measurement does not start during the first
     * follower fetches.
     */
    static void createReplicated(String bootstrapServers, String topic, int partitions, short replicationFactor,
                                 Map<String, String> configs, Duration timeout) {
        long deadlineNs = System.nanoTime() + timeout.toNanos();
        try (Admin admin = admin(bootstrapServers)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, replicationFactor).configs(configs)))
                .all().get(60, TimeUnit.SECONDS);
            while (true) {
                TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get(60, TimeUnit.SECONDS)
                    .get(topic);
                boolean settled = description.partitions().stream().allMatch(p ->
                    p.leader() != null && p.leader().id() >= 0 && p.isr().size() == replicationFactor);
                if (settled) {
                    return;
                }
                if (System.nanoTime() - deadlineNs > 0) {
                    throw new IllegalStateException("ISR of " + topic + " not full in " + timeout + ": " + description);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topic " + topic + ": " + e, e);
        }
    }

    /** Creates a topic with replication factor 1. */
    static void create(String bootstrapServers, String topic, int partitions) {
        try (Admin admin = admin(bootstrapServers)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topic " + topic + ": " + e, e);
        }
    }
}
