package io.samsa.broker.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.broker.data.RawClient;
import io.samsa.broker.interop.groups.KafkaTool;
import io.samsa.broker.storage.StorageComponent;
import io.samsa.broker.testing.InProcessCluster;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.metadata.image.PartitionRegistration;
import io.samsa.metadata.image.TopicImage;
import io.samsa.protocol.message.DescribeConfigsRequest;
import io.samsa.protocol.message.DescribeConfigsResponse;
import io.samsa.protocol.testing.Await;
import io.samsa.storage.LogConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.AlterConfigsOptions;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.NewPartitionReassignment;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicCollection;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicaAssignmentException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.NoReassignmentInProgressException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.tools.LeaderElectionCommand;
import org.apache.kafka.tools.MetadataQuorumCommand;
import org.apache.kafka.tools.TopicCommand;
import org.apache.kafka.tools.reassign.ReassignPartitionsCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin side of cluster mode on three in-process combined-mode nodes (one cluster for the
 * class), with kafka-clients 4.1 Admin and the kafka-tools 4.1 commands: DescribeCluster, topic
 * creation with replication and explicit assignments, partitions, deletion, Metadata with
 * auto-creation on a node that is not the controller, DescribeQuorum, ElectLeaders and partition
 * reassignments.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterAdminTest {
    private static final Duration WAIT = InProcessCluster.WAIT;
    private static final long CALL_SECONDS = 60;

    private Path dir;
    private InProcessCluster cluster;
    private Admin admin;

    @BeforeAll
    void startCluster(@TempDir Path root) throws Exception {
        dir = root;
        cluster = new InProcessCluster(dir, 3).overrideAll("num.partitions", "2");
        cluster.startAll();
        cluster.awaitAllUnfenced();
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "60000");
        admin = Admin.create(props);
    }

    @AfterAll
    void stopCluster() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(10));
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private int controller() {
        Await.until(WAIT, "a metadata quorum leader", () -> cluster.membership(1).quorum().leaderId() > 0);
        return cluster.membership(1).quorum().leaderId();
    }

    private int notController() {
        int controller = controller();
        return cluster.nodeIds().stream().filter(id -> id != controller).findFirst().orElseThrow();
    }

    private TopicDescription describe(String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get(CALL_SECONDS, TimeUnit.SECONDS).get(topic);
    }

    private static List<Integer> ids(List<Node> nodes) {
        return nodes.stream().map(Node::id).toList();
    }

    private static List<Integer> replicas(MetadataImage image, String topic, int partition) {
        TopicImage t = image.topic(topic);
        PartitionRegistration p = t == null ? null : t.partition(partition);
        return p == null ? List.of() : Arrays.stream(p.replicas()).boxed().toList();
    }

    private static Throwable cause(ExecutionException e) {
        return e.getCause();
    }

    @Test
    void describeClusterListsTheThreeBrokersAndTheRaftLeaderAsController() throws Exception {
        DescribeClusterResult described = admin.describeCluster();
        List<Node> nodes = described.nodes().get(CALL_SECONDS, TimeUnit.SECONDS).stream()
                .sorted((a, b) -> Integer.compare(a.id(), b.id())).toList();
        assertEquals(List.of(1, 2, 3), ids(nodes));
        for (Node node : nodes) {
            assertEquals("127.0.0.1", node.host());
            assertEquals(cluster.port(node.id()), node.port(), "the PLAINTEXT endpoint of node " + node.id());
        }
        assertEquals(controller(), described.controller().get(CALL_SECONDS, TimeUnit.SECONDS).id());
        assertEquals(cluster.membership(2).quorum().clusterId(), described.clusterId().get(CALL_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    void aTopicWithReplicationFactorThreeHasItsLeadersSpreadOverTheBrokers() throws Exception {
        admin.createTopics(List.of(new NewTopic("spread", 6, (short) 3))).all().get(CALL_SECONDS, TimeUnit.SECONDS);
        TopicDescription topic = describe("spread");
        assertEquals(6, topic.partitions().size());
        Set<Integer> leaders = new HashSet<>();
        for (TopicPartitionInfo partition : topic.partitions()) {
            assertEquals(3, partition.replicas().size(), partition.toString());
            assertEquals(Set.of(1, 2, 3), new HashSet<>(ids(partition.replicas())), partition.toString());
            assertEquals(Set.of(1, 2, 3), new HashSet<>(ids(partition.isr())), partition.toString());
            assertEquals(partition.replicas().get(0), partition.leader(), "a new partition is led by its first replica");
            leaders.add(partition.leader().id());
        }
        assertEquals(Set.of(1, 2, 3), leaders);

        KafkaTool run = KafkaTool.run(TopicCommand.class, "--bootstrap-server", "127.0.0.1:" + cluster.port(notController()),
                "--describe", "--topic", "spread");
        assertEquals(0, run.exitCode(), run.describe());
        List<String> partitionLines = run.lines().stream().filter(line -> line.contains("Partition: ")).toList();
        assertEquals(6, partitionLines.size(), run.describe());
        Set<String> toolLeaders = new HashSet<>();
        for (String line : partitionLines) {
            assertTrue(line.matches(".*Replicas: [1-3],[1-3],[1-3]\\s+Isr: [1-3],[1-3],[1-3].*"), line);
            toolLeaders.add(line.replaceAll(".*Leader: (\\d+).*", "$1"));
        }
        assertEquals(Set.of("1", "2", "3"), toolLeaders, run.describe());
        assertTrue(run.stdout().contains("ReplicationFactor: 3"), run.describe());
    }

    @Test
    void aReplicationFactorAboveTheBrokerCountIsInvalid() {
        ExecutionException failed = assertThrows(ExecutionException.class, () -> admin.createTopics(
                List.of(new NewTopic("too-wide", 1, (short) 4))).all().get(CALL_SECONDS, TimeUnit.SECONDS));
        assertInstanceOf(InvalidReplicationFactorException.class, cause(failed));
        ExecutionException unknownBroker = assertThrows(ExecutionException.class, () -> admin.createTopics(
                List.of(new NewTopic("to-nowhere", Map.of(0, List.of(1, 7))))).all().get(CALL_SECONDS, TimeUnit.SECONDS));
        assertInstanceOf(InvalidReplicaAssignmentException.class, cause(unknownBroker));
        cluster.awaitImage("nothing created", image -> image.topic("too-wide") == null && image.topic("to-nowhere") == null);
    }

    @Test
    void anExplicitAssignmentIsHonouredAndPartitionsGrowWithTheirAssignments() throws Exception {
        admin.createTopics(List.of(new NewTopic("placed", Map.of(0, List.of(3, 1, 2), 1, List.of(2, 3, 1)))))
                .all().get(CALL_SECONDS, TimeUnit.SECONDS);
        TopicDescription topic = describe("placed");
        assertEquals(List.of(3, 1, 2), ids(topic.partitions().get(0).replicas()));
        assertEquals(3, topic.partitions().get(0).leader().id());
        assertEquals(List.of(2, 3, 1), ids(topic.partitions().get(1).replicas()));
        ExecutionException exists = assertThrows(ExecutionException.class, () -> admin.createTopics(
                List.of(new NewTopic("placed", 1, (short) 1))).all().get(CALL_SECONDS, TimeUnit.SECONDS));
        assertInstanceOf(TopicExistsException.class, cause(exists));

        ExecutionException inconsistent = assertThrows(ExecutionException.class, () -> admin.createPartitions(
                Map.of("placed", NewPartitions.increaseTo(3, List.of(List.of(1, 2))))).all().get(CALL_SECONDS, TimeUnit.SECONDS));
        assertInstanceOf(InvalidReplicaAssignmentException.class, cause(inconsistent), "a replication factor of 2 among 3");
        admin.createPartitions(Map.of("placed", NewPartitions.increaseTo(4, List.of(List.of(1, 2, 3), List.of(2, 1, 3)))))
                .all().get(CALL_SECONDS, TimeUnit.SECONDS);
        cluster.awaitImage("four partitions of placed", image -> image.topic("placed").partitions().size() == 4);
        TopicDescription grown = describe("placed");
        assertEquals(4, grown.partitions().size());
        assertEquals(List.of(1, 2, 3), ids(grown.partitions().get(2).replicas()));
        assertEquals(List.of(2, 1, 3), ids(grown.partitions().get(3).replicas()));
        admin.createPartitions(Map.of("placed", NewPartitions.increaseTo(6))).all().get(CALL_SECONDS, TimeUnit.SECONDS);
        cluster.awaitImage("six partitions of placed", image -> image.topic("placed").partitions().size() == 6);
        ExecutionException notAbove = assertThrows(ExecutionException.class, () -> admin.createPartitions(
                Map.of("placed", NewPartitions.increaseTo(3))).all().get(CALL_SECONDS, TimeUnit.SECONDS));
        assertInstanceOf(InvalidPartitionsException.class, cause(notAbove));
    }

    @Test
    void topicsAreDeletedByNameAndById() throws Exception {
        admin.createTopics(List.of(new NewTopic("doomed-by-name", 2, (short) 2), new NewTopic("doomed-by-id", 1, (short) 3)))
                .all().get(CALL_SECONDS, TimeUnit.SECONDS);
        cluster.awaitImage("both doomed topics", image -> image.topic("doomed-by-name") != null
                && image.topic("doomed-by-id") != null);
        org.apache.kafka.common.Uuid id = describe("doomed-by-id").topicId();
        admin.deleteTopics(TopicCollection.ofTopicNames(List.of("doomed-by-name"))).all().get(CALL_SECONDS, TimeUnit.SECONDS);
        admin.deleteTopics(TopicCollection.ofTopicIds(List.of(id))).all().get(CALL_SECONDS, TimeUnit.SECONDS);
        cluster.awaitImage("both doomed topics gone", image -> image.topic("doomed-by-name") == null
                && image.topic("doomed-by-id") == null);
        Set<String> names = admin.listTopics().names().get(CALL_SECONDS, TimeUnit.SECONDS);
        assertTrue(!names.contains("doomed-by-name") && !names.contains("doomed-by-id"), names.toString());
        ExecutionException unknown = assertThrows(ExecutionException.class, () -> admin.deleteTopics(
                TopicCollection.ofTopicNames(List.of("never-was"))).all().get(CALL_SECONDS, TimeUnit.SECONDS));
        assertInstanceOf(UnknownTopicOrPartitionException.class, cause(unknown));
    }

    @Test
    void metadataOnANodeThatIsNotTheControllerAutoCreatesThroughTheController() {
        int node = notController();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + cluster.port(node));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "60000");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            List<PartitionInfo> partitions = producer.partitionsFor("auto-created");
            assertEquals(2, partitions.size(), "num.partitions");
            for (PartitionInfo partition : partitions) {
                assertEquals(1, partition.replicas().length, "default.replication.factor");
                assertTrue(partition.leader() != null && partition.leader().id() >= 1, partition.toString());
            }
        }
        cluster.awaitImage("auto-created everywhere", image -> image.topic("auto-created") != null
                && image.topic("auto-created").partitions().size() == 2);
    }

    @Test
    void metadataQuorumStatusShowsTheLeaderAndTheThreeVoters() throws Exception {
        int leader = controller();
        KafkaTool run = KafkaTool.run(MetadataQuorumCommand.class, "--bootstrap-server",
                "127.0.0.1:" + cluster.port(leader), "describe", "--status");
        assertEquals(0, run.exitCode(), run.describe());
        String leaderLine = run.lines().stream().filter(line -> line.startsWith("LeaderId:")).findFirst()
                .orElseThrow(() -> new AssertionError(run.describe()));
        assertEquals(Integer.toString(leader), leaderLine.substring("LeaderId:".length()).trim(), run.describe());
        String voters = run.lines().stream().filter(line -> line.startsWith("CurrentVoters:")).findFirst()
                .orElseThrow(() -> new AssertionError(run.describe()));
        for (int id = 1; id <= 3; id++) {
            assertTrue(voters.contains("\"id\": " + id) || voters.contains("\"id\":" + id), voters);
            assertTrue(voters.contains("CONTROLLER://127.0.0.1:" + cluster.controllerPort(id)), voters);
        }
        assertTrue(run.lines().stream().anyMatch(line -> line.matches("HighWatermark:\\s+\\d+")), run.describe());

        // asked at a follower, the answer is still the leader's: every voter's log end offset is known
        int follower = leader == 1 ? 2 : 1;
        KafkaTool replication = KafkaTool.run(MetadataQuorumCommand.class, "--bootstrap-server",
                "127.0.0.1:" + cluster.port(follower), "describe", "--replication");
        assertEquals(0, replication.exitCode(), replication.describe());
        assertTrue(replication.lines().stream().anyMatch(line -> line.matches("^" + leader + "\\s+.*Leader.*")),
                replication.describe());
        assertEquals(2, replication.lines().stream().filter(line -> line.matches("^[1-3]\\s+\\S+\\s+\\d+\\s+\\d+\\s+\\d+\\s+.*Follower.*")).count(),
                replication.describe());
    }

    @Test
    void aPreferredElectionMovesTheLeaderBackToTheFirstReplica() throws Exception {
        admin.createTopics(List.of(new NewTopic("elected", Map.of(0, List.of(1, 2, 3))))).all()
                .get(CALL_SECONDS, TimeUnit.SECONDS);
        cluster.awaitImage("elected led by 1", image -> image.topic("elected") != null
                && image.topic("elected").partition(0).leader() == 1);
        // A reorder completes at once and keeps the leader: 1 is no longer the preferred replica.
        TopicPartition p0 = new TopicPartition("elected", 0);
        admin.alterPartitionReassignments(Map.of(p0, Optional.of(new NewPartitionReassignment(List.of(2, 3, 1)))))
                .all().get(CALL_SECONDS, TimeUnit.SECONDS);
        cluster.awaitImage("replicas 2,3,1", image -> replicas(image, "elected", 0).equals(List.of(2, 3, 1)));
        assertEquals(1, cluster.image(1).topic("elected").partition(0).leader());

        KafkaTool run = KafkaTool.run(LeaderElectionCommand.class, "--bootstrap-server", cluster.bootstrapServers(),
                "--election-type", "PREFERRED", "--all-topic-partitions");
        assertEquals(0, run.exitCode(), run.describe());
        assertTrue(run.stdout().contains("Successfully completed leader election (PREFERRED) for partitions")
                && run.stdout().contains("elected-0"), run.describe());
        cluster.awaitImage("elected led by 2", image -> image.topic("elected").partition(0).leader() == 2);

        KafkaTool again = KafkaTool.run(LeaderElectionCommand.class, "--bootstrap-server", cluster.bootstrapServers(),
                "--election-type", "PREFERRED", "--topic", "elected", "--partition", "0");
        assertEquals(0, again.exitCode(), again.describe());
        assertTrue(again.stdout().contains("Valid replica already elected for partitions elected-0"), again.describe());
    }

    /** @return whether every running node's image shows moving-0 as being reassigned */
    private boolean movingIsReassigning() {
        return cluster.running().keySet().stream().allMatch(id -> cluster.image(id).topic("moving").partition(0)
                .isReassigning());
    }

    /**
     * Runs a tool between two looks at the image; when both looks agree the output must say what
     * they saw (the move completes once replica 3 has caught up, which may happen at any time).
     */
    private KafkaTool runAgainstMoveState(String whileMoving, String whenDone, String... args) throws Exception {
        boolean before = movingIsReassigning();
        KafkaTool run = KafkaTool.run(ReassignPartitionsCommand.class, args);
        boolean after = movingIsReassigning();
        assertEquals(0, run.exitCode(), run.describe());
        if (before == after) {
            assertTrue(run.stdout().contains(before ? whileMoving : whenDone), run.describe());
        } else {
            assertTrue(run.stdout().contains(whileMoving) || run.stdout().contains(whenDone), run.describe());
        }
        return run;
    }

    @Test
    void reassignPartitionsExecutesListsVerifiesAndCancelsAMove() throws Exception {
        admin.createTopics(List.of(new NewTopic("moving", Map.of(0, List.of(1, 2))))).all()
                .get(CALL_SECONDS, TimeUnit.SECONDS);
        cluster.awaitImage("moving", image -> image.topic("moving") != null);
        Path plan = Files.writeString(dir.resolve("reassign.json"), "{\"version\":1,\"partitions\":[{\"topic\":\"moving\","
                + "\"partition\":0,\"replicas\":[1,3],\"log_dirs\":[\"any\",\"any\"]}]}");
        String bootstrap = cluster.bootstrapServers();
        KafkaTool execute = KafkaTool.run(ReassignPartitionsCommand.class, "--bootstrap-server", bootstrap,
                "--reassignment-json-file", plan.toString(), "--execute");
        assertEquals(0, execute.exitCode(), execute.describe());
        assertTrue(execute.stdout().contains("Successfully started partition reassignment for moving-0"), execute.describe());
        cluster.awaitImage("moving-0 reassigned towards 1,3", image -> {
            List<Integer> now = replicas(image, "moving", 0);
            return now.equals(List.of(1, 3, 2)) || now.equals(List.of(1, 3));
        });

        runAgainstMoveState("moving-0: replicas: 1,3,2. adding: 3. removing: 2.", "No partition reassignments found.",
                "--bootstrap-server", bootstrap, "--list");
        runAgainstMoveState("Reassignment of partition moving-0 is still in progress.",
                "Reassignment of partition moving-0 is completed.", "--bootstrap-server", bootstrap,
                "--reassignment-json-file", plan.toString(), "--verify", "--preserve-throttles");
        if (movingIsReassigning()) {
            KafkaTool cancel = KafkaTool.run(ReassignPartitionsCommand.class, "--bootstrap-server", bootstrap,
                    "--reassignment-json-file", plan.toString(), "--cancel", "--preserve-throttles");
            assertEquals(0, cancel.exitCode(), cancel.describe());
            cluster.awaitImage("moving-0 cancelled or completed", image -> !image.topic("moving").partition(0)
                    .isReassigning());
        }
        List<Integer> settled = replicas(cluster.image(1), "moving", 0);
        assertTrue(settled.equals(List.of(1, 2)) || settled.equals(List.of(1, 3)), settled.toString());
        assertEquals(Map.of(), admin.listPartitionReassignments().reassignments().get(CALL_SECONDS, TimeUnit.SECONDS));

        ExecutionException nothingToCancel = assertThrows(ExecutionException.class, () -> admin
                .alterPartitionReassignments(Map.of(new TopicPartition("moving", 0), Optional.empty()))
                .all().get(CALL_SECONDS, TimeUnit.SECONDS));
        assertInstanceOf(NoReassignmentInProgressException.class, cause(nothingToCancel));
        ExecutionException unknown = assertThrows(ExecutionException.class, () -> admin
                .alterPartitionReassignments(Map.of(new TopicPartition("moving", 9),
                        Optional.of(new NewPartitionReassignment(List.of(1))))).all().get(CALL_SECONDS, TimeUnit.SECONDS));
        assertInstanceOf(UnknownTopicOrPartitionException.class, cause(unknown));
    }

    @Test
    void topicConfigChangesGoThroughTheControllerToEveryReplica() throws Exception {
        String topic = "configured";
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 3))).all().get(CALL_SECONDS, TimeUnit.SECONDS);
        io.samsa.storage.TopicPartition tp = new io.samsa.storage.TopicPartition(topic, 0);
        Await.until(WAIT, "every node holds the log", () -> cluster.nodeIds().stream().allMatch(id -> cluster.broker(id)
                .component(StorageComponent.class).orElseThrow().logs().getLog(tp).isPresent()));
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + cluster.port(notController()));
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "60000");
        try (Admin other = Admin.create(props)) {
            other.incrementalAlterConfigs(Map.of(resource, List.of(
                    new AlterConfigOp(new ConfigEntry("retention.ms", "123456"), AlterConfigOp.OpType.SET),
                    new AlterConfigOp(new ConfigEntry("cleanup.policy", "compact"), AlterConfigOp.OpType.APPEND))))
                    .all().get(CALL_SECONDS, TimeUnit.SECONDS);
            // validate_only and refused values change nothing
            other.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(new ConfigEntry("retention.ms", "1"),
                    AlterConfigOp.OpType.SET))), new AlterConfigsOptions().validateOnly(true))
                    .all().get(CALL_SECONDS, TimeUnit.SECONDS);
            ExecutionException invalid = assertThrows(ExecutionException.class, () -> other.incrementalAlterConfigs(
                    Map.of(resource, List.of(new AlterConfigOp(new ConfigEntry("retention.ms", "soon"),
                            AlterConfigOp.OpType.SET)))).all().get(CALL_SECONDS, TimeUnit.SECONDS));
            assertInstanceOf(InvalidConfigurationException.class, cause(invalid));
            ExecutionException unknown = assertThrows(ExecutionException.class, () -> other.incrementalAlterConfigs(
                    Map.of(new ConfigResource(ConfigResource.Type.TOPIC, "no-such-topic"), List.of(new AlterConfigOp(
                            new ConfigEntry("retention.ms", "5"), AlterConfigOp.OpType.SET)))).all()
                    .get(CALL_SECONDS, TimeUnit.SECONDS));
            assertInstanceOf(UnknownTopicOrPartitionException.class, cause(unknown));
        }
        cluster.awaitImage("the topic's configs in every image", image -> image.configs(
                io.samsa.metadata.image.ConfigResource.topic(topic)).equals(Map.of("retention.ms", "123456",
                "cleanup.policy", "delete,compact")));
        Await.until(WAIT, "every replica's log runs with the new configs", () -> cluster.nodeIds().stream().allMatch(id -> {
            LogConfig config = cluster.broker(id).component(StorageComponent.class).orElseThrow().logs().getLog(tp)
                    .orElseThrow().config();
            return config.retentionMs() == 123456 && config.compact() && config.delete();
        }));
        for (int id : cluster.nodeIds()) {
            Properties one = new Properties();
            one.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + cluster.port(id));
            try (Admin node = Admin.create(one)) {
                Config described = node.describeConfigs(List.of(resource)).all().get(CALL_SECONDS, TimeUnit.SECONDS)
                        .get(resource);
                assertEquals("123456", described.get("retention.ms").value(), "node " + id);
                assertEquals(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG, described.get("retention.ms").source());
            }
        }

        ConfigResource group = new ConfigResource(ConfigResource.Type.GROUP, "configured-group");
        admin.incrementalAlterConfigs(Map.of(group, List.of(new AlterConfigOp(new ConfigEntry(
                "consumer.session.timeout.ms", "50000"), AlterConfigOp.OpType.SET)))).all().get(CALL_SECONDS, TimeUnit.SECONDS);
        Await.until(WAIT, "every broker describes the group config", () -> cluster.nodeIds().stream()
                .allMatch(id -> "50000".equals(groupConfig(id, "configured-group", "consumer.session.timeout.ms"))));

        admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(new ConfigEntry("retention.ms", null),
                AlterConfigOp.OpType.DELETE)))).all().get(CALL_SECONDS, TimeUnit.SECONDS);
        cluster.awaitImage("retention.ms deleted everywhere", image -> image.configs(
                io.samsa.metadata.image.ConfigResource.topic(topic)).equals(Map.of("cleanup.policy", "delete,compact")));
        Await.until(WAIT, "every replica back at the default retention", () -> cluster.nodeIds().stream().allMatch(id ->
                cluster.broker(id).component(StorageComponent.class).orElseThrow().logs().getLog(tp).orElseThrow()
                        .config().retentionMs() == LogConfig.DEFAULT.retentionMs()));
    }

    /** @return the value node {@code id} itself describes for a group config (a raw DescribeConfigs v4 to it) */
    private String groupConfig(int id, String group, String key) {
        try (RawClient client = new RawClient(cluster.port(id))) {
            DescribeConfigsResponse response = client.call(new DescribeConfigsRequest().setResources(List.of(
                    new DescribeConfigsRequest.DescribeConfigsResource().setResourceType((byte) 32).setResourceName(group)
                            .setConfigurationKeys(List.of(key)))), 4);
            return response.results().get(0).configs().stream().filter(c -> c.name().equals(key)).findFirst()
                    .map(c -> c.value()).orElse(null);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
