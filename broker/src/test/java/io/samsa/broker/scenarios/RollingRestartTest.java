package io.samsa.broker.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.broker.testing.ClusterClients;
import io.samsa.protocol.testing.Await;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, Done means 3: a rolling restart of all three nodes (SIGTERM one at a time, exit 0, back
 * on the same directory, then wait until every ISR is full again) while an idempotent acks=all
 * producer writes and a 2-member group consumes with commitSync. 0 acknowledged records lost, 0
 * duplicates in the log or in what the group read, and no rebalance caused by the bounces: static
 * members ({@code group.instance.id}) with a session timeout longer than a bounce, as in Kafka's
 * OffsetValidationTest.
 */
@Tag("cluster-pending")
class RollingRestartTest extends SharedClusterScenario {
    private static final String TOPIC = "rolling";
    private static final String GROUP = "rolling-group";
    private static final int PARTITIONS = 3;

    @Test
    void noAcknowledgedRecordLostNoDuplicateAndNoRebalance() throws Exception {
        try (Admin admin = ClusterClients.admin(cluster.bootstrapServers())) {
            ClusterClients.createTopic(admin, TOPIC, PARTITIONS, 3);
            CommittingMember.Ledger ledger = new CommittingMember.Ledger();
            List<CommittingMember> members = new ArrayList<>();
            BackgroundProducer producer = BackgroundProducer.start(cluster.bootstrapServers(), TOPIC, PARTITIONS, 100);
            List<Appended> acked;
            try {
                for (int m = 0; m < 2; m++) {
                    members.add(CommittingMember.start("static-" + m, cluster.bootstrapServers(), GROUP, TOPIC, ledger,
                            Map.of("group.instance.id", "static-" + m, "session.timeout.ms", "90000",
                                    "heartbeat.interval.ms", "2000")));
                }
                Await.until(ClusterClients.SETTLE, "a stable 2-member group reading", () -> {
                    Map<String, ConsumerGroupDescription> groups = ClusterClients.getOrNull(
                            admin.describeConsumerGroups(List.of(GROUP)).all());
                    ConsumerGroupDescription group = groups == null ? null : groups.get(GROUP);
                    return group != null && group.groupState() == GroupState.STABLE && group.members().size() == 2
                            && group.members().stream().allMatch(member -> !member.assignment().topicPartitions().isEmpty())
                            && ledger.distinctRead() > 100;
                });
                ClusterClients.awaitFullyInSync(admin, List.of("__consumer_offsets"), 3);
                List<Integer> assignmentsBefore = members.stream().map(CommittingMember::assignments).toList();
                List<Integer> revocationsBefore = members.stream().map(CommittingMember::revocations).toList();

                for (int node : cluster.nodeIds()) {
                    int ackedBefore = producer.ackedCount();
                    assertEquals(0, cluster.terminate(node), "node " + node + " stops cleanly on SIGTERM");
                    cluster.restart(node);
                    ClusterClients.awaitFullyInSync(admin, List.of(TOPIC, "__consumer_offsets"), 3);
                    Await.until(ClusterClients.SETTLE, "production going on after node " + node + "'s bounce",
                            () -> producer.ackedCount() > ackedBefore + 100);
                }

                producer.close();
                assertNull(producer.died());
                assertEquals(List.of(), producer.failed(), "every record sent is acknowledged");
                acked = producer.acked();
                Set<String> ackedValues = acked.stream().map(Appended::value).collect(Collectors.toSet());
                Await.until(ClusterClients.SETTLE, "the group reading every acknowledged record",
                        () -> ledger.all().stream().map(Appended::value).collect(Collectors.toSet()).containsAll(ackedValues));
                assertEquals(assignmentsBefore, members.stream().map(CommittingMember::assignments).toList(),
                        "no member was assigned again: the bounces caused no rebalance");
                assertEquals(revocationsBefore, members.stream().map(CommittingMember::revocations).toList(),
                        "no partition was revoked from a member");
            } finally {
                producer.close();
                for (CommittingMember member : members) {
                    member.close();
                }
            }
            for (CommittingMember member : members) {
                assertNull(member.died(), "member died: " + member.died());
            }
            assertEquals(0, ledger.rereads(), "the group read no record twice");
            assertEquals(List.of(), ledger.violations());
            List<Appended> log = TopicLog.readAll(cluster.bootstrapServers(), TOPIC, PARTITIONS);
            TopicLog.assertAckedExactlyOnce(acked, log, producer.sent());
            assertTrue(acked.size() > 300, "records were produced throughout: " + acked.size());
        }
    }
}
