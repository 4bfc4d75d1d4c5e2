package io.samsa.broker.testing;

import io.samsa.protocol.testing.Await;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * kafka-clients 4.1 clients for the cluster scenarios, with timings that ride out a failover on a
 * loaded machine, and the waits on the cluster's state the scenarios share (a topic's partitions led
 * and fully in sync).
 *
 * <p>Stateless; thread-safe.
 */
public final class ClusterClients {
    /** How long a scenario waits for the cluster to settle (elections, ISR changes, catch-up). */
    public static final Duration SETTLE = Duration.ofSeconds(60);

    private ClusterClients() {
    }

    /** @return an Admin on {@code bootstrap}; the caller closes it */
    public static Admin admin(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        props.put(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, "200");
        return Admin.create(props);
    }

    /** @return an idempotent acks=all String producer that retries through a failover; {@code overrides} win */
    public static KafkaProducer<String, String> producer(String bootstrap, Map<String, String> overrides) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
        props.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, "100");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        overrides.forEach(props::put);
        return new KafkaProducer<>(props);
    }

    /** @return the consumer settings the scenarios start from (manual commits, earliest); {@code overrides} win */
    public static Properties consumerConfig(String bootstrap, Map<String, String> overrides) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        props.put(ConsumerConfig.RETRY_BACKOFF_MS_CONFIG, "100");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        overrides.forEach(props::put);
        return props;
    }

    /** @return a consumer with {@link #consumerConfig}; the caller closes it */
    public static KafkaConsumer<String, String> consumer(String bootstrap, Map<String, String> overrides) {
        return new KafkaConsumer<>(consumerConfig(bootstrap, overrides));
    }

    /** @return the future's value; its failure as an AssertionError (for use inside awaited conditions) */
    public static <T> T get(KafkaFuture<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** @return the future's value, or null when it failed (for polling a cluster that is still electing) */
    public static <T> T getOrNull(KafkaFuture<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Creates the topic with the given replication factor, retrying while the cluster is still electing. */
    public static void createTopic(Admin admin, String topic, int partitions, int replicationFactor) {
        Await.until(SETTLE, "topic " + topic + " created", () -> {
            try {
                admin.createTopics(List.of(new NewTopic(topic, partitions, (short) replicationFactor))).all().get();
                return true;
            } catch (ExecutionException e) {
                return e.getCause() instanceof TopicExistsException;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        });
        awaitFullyInSync(admin, List.of(topic), replicationFactor);
    }

    /** @return the topic's description, or null while the cluster cannot answer */
    public static TopicDescription describe(Admin admin, String topic) {
        Map<String, TopicDescription> all = getOrNull(admin.describeTopics(List.of(topic)).allTopicNames());
        return all == null ? null : all.get(topic);
    }

    /** Waits until every partition of {@code topics} has a leader and {@code replicas} replicas, all in sync. */
    public static void awaitFullyInSync(Admin admin, Collection<String> topics, int replicas) {
        for (String topic : topics) {
            Await.until(SETTLE, "every partition of " + topic + " led with " + replicas + " replicas in sync", () -> {
                TopicDescription description = describe(admin, topic);
                return description != null && !description.partitions().isEmpty()
                        && description.partitions().stream().allMatch(p -> fullyInSync(p, replicas));
            });
        }
    }

    private static boolean fullyInSync(TopicPartitionInfo partition, int replicas) {
        return partition.leader() != null && partition.leader().id() >= 0 && partition.replicas().size() == replicas
                && partition.isr().size() == replicas;
    }

    /** @return the id of the partition's leader, or -1 when none is known */
    public static int leaderOf(Admin admin, String topic, int partition) {
        TopicDescription description = describe(admin, topic);
        if (description == null) {
            return -1;
        }
        TopicPartitionInfo info = description.partitions().get(partition);
        return info.leader() == null ? -1 : info.leader().id();
    }
}
