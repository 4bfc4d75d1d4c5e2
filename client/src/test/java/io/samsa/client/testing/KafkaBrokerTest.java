package io.samsa.client.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/** The harness itself: a broker starts, serves kafka-clients, and leaves nothing behind. */
class KafkaBrokerTest {

    @Test
    void startsServesAndCleansUp() throws Exception {
        Path log;
        KafkaBroker kafka = KafkaBroker.start();
        try {
            log = kafka.logFile();
            assertTrue(kafka.isRunning());
            assertTrue(kafka.bootstrapServers().startsWith("127.0.0.1:"));
            Properties props = new Properties();
            props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            try (Admin admin = Admin.create(props)) {
                DescribeClusterResult cluster = admin.describeCluster();
                assertEquals(kafka.clusterId(), cluster.clusterId().get(10, TimeUnit.SECONDS));
                assertEquals(kafka.nodeId(), cluster.controller().get(10, TimeUnit.SECONDS).id());
                admin.createTopics(List.of(new NewTopic("harness-check", 2, (short) 1))).all().get(10, TimeUnit.SECONDS);
                assertTrue(admin.listTopics().names().get(10, TimeUnit.SECONDS).contains("harness-check"));
            }
        } finally {
            kafka.close();
        }
        assertFalse(kafka.isRunning());
        assertFalse(Files.exists(log), "the temporary directory is deleted");
    }
}
