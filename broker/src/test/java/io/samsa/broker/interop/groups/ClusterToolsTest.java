package io.samsa.broker.interop.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.broker.testing.ClusterClients;
import io.samsa.broker.testing.SamsaCluster;
import io.samsa.broker.testing.SharedCluster;
import io.samsa.protocol.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.tools.LeaderElectionCommand;
import org.apache.kafka.tools.MetadataQuorumCommand;
import org.apache.kafka.tools.TopicCommand;
import org.apache.kafka.tools.reassign.ReassignPartitionsCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, Done means 6 (tools part): Kafka 4.1's command-line tools against a 3-node cluster.
 * {@code kafka-topics --describe} shows a leader, three replicas and a full ISR per partition;
 * {@code kafka-metadata-quorum describe --status} names a leader among three voters;
 * {@code kafka-leader-election --election-type PREFERRED} gives a partition back to its preferred
 * replica after a bounce moved it away; {@code kafka-reassign-partitions} moves a replica to another
 * broker, its records with it.
 */
class ClusterToolsTest {
    private static final Pattern PARTITION_LINE = Pattern.compile(
            "Partition: (\\d+)\\s+Leader: (-?\\d+)\\s+Replicas: ([\\d,]+)\\s+Isr: ([\\d,]*)");

    @RegisterExtension
    static final SharedCluster CLUSTER = new SharedCluster(builder -> builder.nodes(3));

    @TempDir
    Path work;

    private static SamsaCluster cluster() {
        return CLUSTER.cluster();
    }

    @Test
    void topicsDescribeShowsLeaderThreeReplicasAndAFullIsr() throws Exception {
        String topic = "tools-describe";
        try (Admin admin = ClusterClients.admin(cluster().bootstrapServers())) {
            ClusterClients.createTopic(admin, topic, 3, 3);
        }
        KafkaTool run = KafkaTool.run(TopicCommand.class, "--bootstrap-server", cluster().bootstrapServers(1),
                "--describe", "--topic", topic);
        assertEquals(0, run.exitCode(), run.describe());
        int partitions = 0;
        for (String line : run.lines()) {
            Matcher m = PARTITION_LINE.matcher(line);
            if (m.find()) {
                partitions++;
                assertTrue(cluster().nodeIds().contains(Integer.parseInt(m.group(2))), line);
                assertEquals(Set.of("1", "2", "3"), Set.of(m.group(3).split(",")), line);
                assertEquals(Set.of("1", "2", "3"), Set.of(m.group(4).split(",")), line);
            }
        }
        assertEquals(3, partitions, run.describe());
    }

    @Test
    void metadataQuorumStatusNamesALeaderAmongThreeVoters() throws Exception {
        KafkaTool run = KafkaTool.run(MetadataQuorumCommand.class, "--bootstrap-server", cluster().bootstrapServers(),
                "describe", "--status");
        assertEquals(0, run.exitCode(), run.describe());
        String leader = field(run, "LeaderId");
        assertTrue(cluster().nodeIds().contains(Integer.parseInt(leader)), run.describe());
        String voters = field(run, "CurrentVoters");
        for (int id : cluster().nodeIds()) {
            assertTrue(voters.contains("\"id\": " + id) || voters.contains("\"id\":" + id), "voter " + id + ": " + run.describe());
        }
    }

    @Test
    void preferredLeaderElectionGivesAPartitionBackToItsPreferredReplica() throws Exception {
        String topic = "tools-election";
        int preferred;
        try (Admin admin = ClusterClients.admin(cluster().bootstrapServers())) {
            ClusterClients.createTopic(admin, topic, 1, 3);
            preferred = ClusterClients.describe(admin, topic).partitions().get(0).replicas().get(0).id();
            assertEquals(0, cluster().terminate(preferred));
            cluster().restart(preferred);
            ClusterClients.awaitFullyInSync(admin, List.of(topic), 3);
            assertTrue(ClusterClients.leaderOf(admin, topic, 0) != preferred,
                    "the bounce moved the leadership away from the preferred replica " + preferred);

            KafkaTool run = KafkaTool.run(LeaderElectionCommand.class, "--bootstrap-server", cluster().bootstrapServers(),
                    "--election-type", "PREFERRED", "--topic", topic, "--partition", "0");
            assertEquals(0, run.exitCode(), run.describe());
            assertTrue(run.stdout().contains("Successfully completed leader election (PREFERRED) for partitions " + topic + "-0"),
                    run.describe());
            Await.until(ClusterClients.SETTLE, "the preferred replica leading again",
                    () -> ClusterClients.leaderOf(admin, topic, 0) == preferred);
        }
    }

    @Test
    void reassignmentMovesAReplicaAndItsRecordsToAnotherBroker() throws Exception {
        String topic = "tools-reassign";
        try (Admin admin = ClusterClients.admin(cluster().bootstrapServers())) {
            // one replica: min.insync.replicas=1, or the cluster's 2 refuses every acks=all write (as Kafka does)
            ClusterClients.get(admin.createTopics(List.of(new NewTopic(topic, Map.of(0, List.of(1)))
                    .configs(Map.of("min.insync.replicas", "1")))).all());
            ClusterClients.awaitFullyInSync(admin, List.of(topic), 1);
            TopicRecords.produce(cluster().bootstrapServers(), topic, 1, 0, 50);

            Path plan = Files.writeString(work.resolve("reassign.json"),
                    "{\"version\":1,\"partitions\":[{\"topic\":\"" + topic + "\",\"partition\":0,\"replicas\":[2]}]}");
            KafkaTool execute = KafkaTool.run(ReassignPartitionsCommand.class, "--bootstrap-server",
                    cluster().bootstrapServers(), "--reassignment-json-file", plan.toString(), "--execute");
            assertEquals(0, execute.exitCode(), execute.describe());
            AtomicReference<String> lastVerify = new AtomicReference<>("none yet");
            try {
                Await.until(ClusterClients.SETTLE, "the reassignment verified complete", () -> {
                    KafkaTool verify = verify(plan);
                    lastVerify.set(verify.describe());
                    return verify.exitCode() == 0 && verify.stdout().contains("Reassignment of partition " + topic
                            + "-0 is completed");
                });
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; partition now " + ClusterClients.describe(admin, topic)
                        + "; last --verify: " + lastVerify.get(), e);
            }
            TopicPartitionInfo moved = ClusterClients.describe(admin, topic).partitions().get(0);
            assertEquals(List.of(2), moved.replicas().stream().map(n -> n.id()).toList());
            assertEquals(2, moved.leader().id());
        }
        try (var consumer = GroupConsumers.open(cluster().bootstrapServers(), "tools-reassign-reader", Map.of())) {
            consumer.subscribe(List.of(topic));
            List<Consumed> read = new ArrayList<>();
            try {
                Await.until(ClusterClients.SETTLE, "the 50 records read from the new replica", () -> {
                    GroupConsumers.pollInto(consumer, read);
                    return read.size() >= 50;
                });
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; read " + read.size() + "; " + offsets(topic), e);
            }
            assertEquals(50, read.stream().map(Consumed::offset).collect(Collectors.toSet()).size());
        }
    }

    /** @return the partition's log start and end (high watermark) as Admin lists them, for a failure message */
    private static String offsets(String topic) {
        try (Admin admin = ClusterClients.admin(cluster().bootstrapServers())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            long start = admin.listOffsets(Map.of(tp, OffsetSpec.earliest())).all().get(30, TimeUnit.SECONDS)
                    .get(tp).offset();
            long end = admin.listOffsets(Map.of(tp, OffsetSpec.latest())).all().get(30, TimeUnit.SECONDS)
                    .get(tp).offset();
            return "log start " + start + ", high watermark " + end + ", partition " + ClusterClients.describe(admin,
                    topic);
        } catch (Exception e) {
            return "offsets unknown: " + e;
        }
    }

    private static KafkaTool verify(Path plan) {
        try {
            return KafkaTool.run(ReassignPartitionsCommand.class, "--bootstrap-server", cluster().bootstrapServers(),
                    "--reassignment-json-file", plan.toString(), "--verify");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** @return the value of a {@code Name: value} line of the tool's output */
    private static String field(KafkaTool run, String name) {
        return run.lines().stream().filter(line -> line.startsWith(name + ":")).findFirst()
                .map(line -> line.substring(name.length() + 1).trim())
                .orElseThrow(() -> new AssertionError("no " + name + " line: " + run.describe()));
    }
}
