package io.samsa.broker.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.broker.Broker;
import io.samsa.broker.BrokerAssembly;
import io.samsa.broker.testing.TestBrokers;
import io.samsa.protocol.testing.Await;
import io.samsa.protocol.util.Time;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kafka-clients produce and consume against the real in-process broker; the counts are then read
 * back as MBeans on the platform MBean server under Kafka's names, and as Prometheus text from
 * {@code GET /metrics} on the HTTP admin listener over 127.0.0.1. One broker for the class.
 */
class BrokerMetricsEndToEndTest {
    private static final String TOPIC = "metered";
    private static final int RECORDS = 10;
    @TempDir
    static Path dataDir;
    private static Broker broker;
    private static int httpPort;

    @BeforeAll
    static void produceAndConsume() throws Exception {
        broker = BrokerAssembly.build(TestBrokers.config(Map.of("log.dirs", dataDir.toString(),
                "samsa.http.listener", "127.0.0.1:0")), Time.SYSTEM).start();
        httpPort = broker.component(MetricsComponent.class).orElseThrow().httpPort().orElseThrow();
        try (Admin admin = TestBrokers.admin(broker)) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
        }
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + broker.boundPort());
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, "60000"); // all ten in one batch, sent by flush()
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                producer.send(new ProducerRecord<>(TOPIC, "k" + i, "v" + i));
            }
            producer.flush();
        }
        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + broker.boundPort());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            int[] seen = {0};
            Await.until(Duration.ofSeconds(20), "the records consumed", () -> {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(100));
                seen[0] += records.count();
                return seen[0] >= RECORDS;
            });
        }
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void beansCountTheTrafficUnderKafkasNames() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        String topic = "kafka.server:type=BrokerTopicMetrics,name=%s,topic=" + TOPIC;
        assertEquals((long) RECORDS, server.getAttribute(new ObjectName(String.format(topic, "MessagesInPerSec")), "Count"));
        assertEquals(1L, server.getAttribute(new ObjectName(String.format(topic, "TotalProduceRequestsPerSec")), "Count"));
        assertTrue((Long) server.getAttribute(new ObjectName(String.format(topic, "BytesInPerSec")), "Count") > 0);
        assertTrue((Long) server.getAttribute(new ObjectName(String.format(topic, "BytesOutPerSec")), "Count") > 0);
        assertTrue((Long) server.getAttribute(new ObjectName(
                "kafka.server:type=BrokerTopicMetrics,name=MessagesInPerSec"), "Count") >= RECORDS);
        assertTrue(server.queryNames(new ObjectName("kafka.network:type=RequestMetrics,name=RequestsPerSec,request=Produce,*"),
                null).size() >= 1);
        assertTrue((Long) server.getAttribute(new ObjectName("kafka.network:type=RequestMetrics,name=TotalTimeMs,request=Fetch"),
                "Count") >= 1);
        // the topic's partition plus __consumer_offsets' (none here: no group was used)
        assertTrue((Integer) server.getAttribute(new ObjectName("kafka.server:type=ReplicaManager,name=PartitionCount"),
                "Value") >= 1);
        assertEquals(0L, server.getAttribute(new ObjectName("kafka.server:type=ReplicaManager,name=UnderReplicatedPartitions"),
                "Value"));
    }

    @Test
    void prometheusEndpointServesTheSameCountsAsText() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/metrics"))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        String body = response.body();
        assertTrue(body.contains("kafka_server_brokertopicmetrics_messagesin_total{topic=\"" + TOPIC + "\",} " + RECORDS + ".0"),
                body);
        assertTrue(body.contains("kafka_network_requestmetrics_totaltimems{request=\"Produce\",quantile=\"0.99\",}"), body);
        assertTrue(body.contains("kafka_network_requestmetrics_requests_total{request=\"Produce\",version=\""), body);
        assertTrue(body.contains("kafka_server_replicamanager_partitioncount "), body);
        assertTrue(body.contains("jvm_memory_bytes_used{area=\"heap\",}"), body);
    }
}
