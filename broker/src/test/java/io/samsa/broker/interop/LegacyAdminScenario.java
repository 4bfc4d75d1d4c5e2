package io.samsa.broker.interop;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * The Admin half of the kafka-clients 3.9.0 interop check, run in a child JVM like
 * {@link LegacyClientScenario} and compiled against calls 3.9 has too.
 *
 * <p>{@code LegacyAdminScenario BOOTSTRAP TOPIC}: describes the cluster, creates {@code TOPIC} with 2
 * partitions and a retention.ms override, lists and describes it, reads its config back, grows it
 * to 4 partitions, deletes it and checks it is gone. Prints one {@code ok <step>} line per step to
 * stdout; exits non-zero at the first step that does not hold.
 */
public final class LegacyAdminScenario {
    private static final long TIMEOUT_S = 30;

    private LegacyAdminScenario() {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String topic = args[1];
        System.err.println("kafka-clients version " + AppInfoParser.getVersion());
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(props)) {
            Collection<Node> nodes = admin.describeCluster().nodes().get(TIMEOUT_S, TimeUnit.SECONDS);
            check(nodes.size() == 1, "describeCluster: one node, got " + nodes);
            ok("describeCluster");

            NewTopic newTopic = new NewTopic(topic, 2, (short) 1).configs(Map.of("retention.ms", "3600000"));
            admin.createTopics(List.of(newTopic)).all().get(TIMEOUT_S, TimeUnit.SECONDS);
            ok("createTopics");

            Set<String> names = admin.listTopics().names().get(TIMEOUT_S, TimeUnit.SECONDS);
            check(names.contains(topic), "listTopics: " + topic + " missing from " + names);
            ok("listTopics");

            check(partitionCount(admin, topic) == 2, "describeTopics: 2 partitions expected");
            ok("describeTopics");

            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource)).all().get(TIMEOUT_S, TimeUnit.SECONDS).get(resource);
            check("3600000".equals(config.get("retention.ms").value()), "describeConfigs: retention.ms = " + config.get("retention.ms"));
            ok("describeConfigs");

            admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(4))).all().get(TIMEOUT_S, TimeUnit.SECONDS);
            check(partitionCount(admin, topic) == 4, "createPartitions: 4 partitions expected");
            ok("createPartitions");

            admin.deleteTopics(List.of(topic)).all().get(TIMEOUT_S, TimeUnit.SECONDS);
            check(!admin.listTopics().names().get(TIMEOUT_S, TimeUnit.SECONDS).contains(topic), "deleteTopics: still listed");
            ok("deleteTopics");
        }
        System.out.flush();
    }

    private static int partitionCount(Admin admin, String topic) throws Exception {
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                .get(TIMEOUT_S, TimeUnit.SECONDS).get(topic);
        return description.partitions().size();
    }

    private static void ok(String step) {
        System.out.println("ok " + step);
    }

    private static void check(boolean condition, String failure) {
        if (!condition) {
            throw new IllegalStateException(failure);
        }
    }
}
