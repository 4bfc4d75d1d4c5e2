package io.samsa.benchmarks.sidebyside;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

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

    /** Creates a topic with replication factor 1. */
    static void create(String bootstrapServers, String topic, int partitions) {
        try (Admin admin = admin(bootstrapServers)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topic " + topic + ": " + e, e);
        }
    }
}
