package io.samsa.broker.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.broker.Broker;
import io.samsa.broker.BrokerAssembly;
import io.samsa.broker.config.BrokerConfig;
import io.samsa.protocol.testing.Await;
import io.samsa.protocol.util.Time;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka's separated roles, in one JVM: three controller-only nodes ({@code process.roles=controller})
 * and two broker-only nodes ({@code process.roles=broker}) that read the metadata log from them.
 * The brokers register and hold every replica (a controller never does), kafka-clients produce and
 * consume across them, DescribeCluster names a broker as the controller (as Kafka's brokers do with
 * separated roles), and a topic can still be created after the active controller stops.
 */
class SeparateRolesTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void controllersOnlyControlAndBrokersOnlyServe(@TempDir Path root) throws Exception {
        Map<Integer, Integer> controllerPorts = new TreeMap<>();
        Map<Integer, Integer> brokerPorts = new TreeMap<>();
        for (int id = 1; id <= 3; id++) {
            controllerPorts.put(id, freePort());
        }
        brokerPorts.put(4, freePort());
        brokerPorts.put(5, freePort());
        String voters = controllerPorts.entrySet().stream().map(e -> e.getKey() + "@127.0.0.1:" + e.getValue())
                .collect(Collectors.joining(","));
        Map<Integer, ControllerNode> controllers = new TreeMap<>();
        List<Broker> brokers = new ArrayList<>();
        try {
            List<Thread> starting = new ArrayList<>();
            List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            for (int id : controllerPorts.keySet()) {
                BrokerConfig config = BrokerConfig.of(controller(id, voters, controllerPorts.get(id), root));
                Thread thread = new Thread(() -> {
                    try {
                        ControllerNode node = ControllerNode.start(config, Time.SYSTEM);
                        synchronized (controllers) {
                            controllers.put(config.nodeId(), node);
                        }
                    } catch (Exception e) {
                        failures.add(e);
                    }
                });
                thread.start();
                starting.add(thread);
            }
            for (Thread thread : starting) {
                thread.join(WAIT.toMillis());
            }
            assertTrue(failures.isEmpty(), "controllers started: " + failures);
            for (int id : brokerPorts.keySet()) {
                brokers.add(BrokerAssembly.build(BrokerConfig.of(broker(id, voters, brokerPorts.get(id), root)),
                        Time.SYSTEM).start());
            }
            String bootstrap = brokerPorts.values().stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
            try (Admin admin = admin(bootstrap)) {
                Await.until(WAIT, "both brokers registered and unfenced", checked(() -> {
                    DescribeClusterResult cluster = admin.describeCluster();
                    return cluster.nodes().get(30, TimeUnit.SECONDS).stream().map(Node::id).collect(Collectors.toSet())
                            .equals(Set.of(4, 5));
                }));
                int controllerId = controllers.values().stream().filter(c -> c.quorum().isActiveController())
                        .findFirst().map(c -> c.quorum().leaderId()).orElseThrow();
                assertEquals(4, admin.describeCluster().controller().get(30, TimeUnit.SECONDS).id(),
                        "clients get a broker as the controller (Kafka's answer with separated roles): the lowest id");

                admin.createTopics(List.of(new NewTopic("split", 2, (short) 2))).all().get(60, TimeUnit.SECONDS);
                Await.until(WAIT, "full ISRs", checked(() -> describe(admin, "split").partitions().stream()
                        .allMatch(p -> p.isr().size() == 2)));
                for (var partition : describe(admin, "split").partitions()) {
                    assertEquals(Set.of(4, 5), partition.replicas().stream().map(Node::id).collect(Collectors.toSet()),
                            "replicas only on brokers");
                }
                produce(bootstrap, "split", 40);
                assertEquals(40, consume(bootstrap, "split", 40));

                // the active controller stops: another controller node takes over and the brokers go on
                controllers.remove(controllerId).close();
                Await.until(WAIT, "a topic created after the controller stopped", checked(() -> {
                    try {
                        admin.createTopics(List.of(new NewTopic("after-failover", 1, (short) 2))).all()
                                .get(30, TimeUnit.SECONDS);
                        return true;
                    } catch (java.util.concurrent.ExecutionException e) {
                        return e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException;
                    }
                }));
                Await.until(WAIT, "a running controller node leads", () -> controllers.values().stream()
                        .anyMatch(c -> c.quorum().isActiveController()));
                produce(bootstrap, "after-failover", 5);
                assertEquals(5, consume(bootstrap, "after-failover", 5));
            }
        } finally {
            brokers.forEach(Broker::close);
            controllers.values().forEach(ControllerNode::close);
        }
    }

    private static Map<String, String> controller(int id, String voters, int port, Path root) {
        Map<String, String> props = common(id, voters, root);
        props.put("process.roles", "controller");
        props.put("listeners", "CONTROLLER://127.0.0.1:" + port);
        return props;
    }

    private static Map<String, String> broker(int id, String voters, int port, Path root) {
        Map<String, String> props = common(id, voters, root);
        props.put("process.roles", "broker");
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("broker.heartbeat.interval.ms", "200");
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "2");
        props.put("offsets.topic.num.partitions", "3");
        props.put("offsets.topic.replication.factor", "2");
        props.put("samsa.shutdown.timeout.ms", "3000");
        return props;
    }

    private static Map<String, String> common(int id, String voters, Path root) {
        Map<String, String> props = new HashMap<>();
        props.put("node.id", Integer.toString(id));
        props.put("controller.quorum.voters", voters);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("controller.quorum.election.timeout.ms", "300");
        props.put("log.dirs", root.resolve("node-" + id).toString());
        return props;
    }

    private static Admin admin(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "60000");
        return Admin.create(props);
    }

    private static TopicDescription describe(Admin admin, String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
    }

    private static void produce(String bootstrap, String topic, int count) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            List<java.util.concurrent.Future<?>> sends = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                sends.add(producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i)));
            }
            for (var send : sends) {
                send.get(60, TimeUnit.SECONDS);
            }
        }
    }

    private static int consume(String bootstrap, String topic, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "split-readers-" + topic);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            Set<String> seen = new java.util.HashSet<>();
            Await.until(WAIT, expected + " records of " + topic, () -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    seen.add(record.partition() + "@" + record.offset());
                }
                return seen.size() >= expected;
            });
            consumer.commitSync();
            return seen.size();
        }
    }

    /** A condition that may throw: a throw counts as not yet. */
    private static java.util.function.BooleanSupplier checked(java.util.concurrent.Callable<Boolean> condition) {
        return () -> {
            try {
                return condition.call();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            } catch (Exception e) {
                return false;
            }
        };
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
