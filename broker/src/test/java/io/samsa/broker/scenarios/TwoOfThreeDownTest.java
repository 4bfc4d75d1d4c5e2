package io.samsa.broker.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.samsa.broker.testing.ClusterClients;
import io.samsa.protocol.testing.Await;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, Done means 4: two of three nodes down. Both followers of a partition stop on SIGTERM
 * one after the other (a controlled shutdown takes a broker out of the ISR while the quorum still
 * has a majority, so the ISR ends at the leader alone, below min.insync.replicas=2). An acks=all
 * produce is then refused with NOT_ENOUGH_REPLICAS, promptly and without being acknowledged or
 * appended. When the two return, the same producer and the same group member go on without any
 * intervention.
 *
 * <p>Why SIGTERM and not kill -9: with two of three combined nodes killed the quorum has no
 * majority, no ISR change can commit, the leader keeps a full ISR and an acks=all produce waits
 * for followers that are gone until it times out (Kafka behaves the same).
 */
@Tag("cluster-pending")
class TwoOfThreeDownTest extends SharedClusterScenario {
    private static final String TOPIC = "min-isr";
    private static final String GROUP = "min-isr-group";

    @Test
    void acksAllIsRefusedWithNotEnoughReplicasAndEverythingGoesOnWhenTheyReturn() throws Exception {
        int leader;
        try (Admin admin = ClusterClients.admin(cluster.bootstrapServers())) {
            ClusterClients.createTopic(admin, TOPIC, 1, 3);
            leader = ClusterClients.leaderOf(admin, TOPIC, 0);
        }
        List<Integer> followers = cluster.nodeIds().stream().filter(id -> id != leader).toList();
        CommittingMember.Ledger ledger = new CommittingMember.Ledger();
        // retries=0 so the broker's error reaches the callback as it is (an idempotent producer would retry it)
        try (KafkaProducer<String, String> producer = ClusterClients.producer(cluster.bootstrapServers(), Map.of(
                "enable.idempotence", "false", "retries", "0", "delivery.timeout.ms", "30000", "request.timeout.ms", "20000",
                "linger.ms", "0"));
                CommittingMember member = CommittingMember.start("min-isr-member", cluster.bootstrapServers(), GROUP, TOPIC,
                        ledger, Map.of("session.timeout.ms", "60000", "heartbeat.interval.ms", "2000"))) {
            for (int i = 0; i < 50; i++) {
                producer.send(new ProducerRecord<>(TOPIC, 0, "k", "before-" + i)).get(30, TimeUnit.SECONDS);
            }
            Await.until(ClusterClients.SETTLE, "the member reading the first records", () -> ledger.distinctRead() == 50);

            for (int follower : followers) {
                assertEquals(0, cluster.terminate(follower), "node " + follower + " stops cleanly");
            }
            Future<RecordMetadata> refused = producer.send(new ProducerRecord<>(TOPIC, 0, "k", "refused"));
            ExecutionException error;
            try {
                refused.get(60, TimeUnit.SECONDS);
                throw new AssertionError("an acks=all produce with one replica in sync was acknowledged");
            } catch (TimeoutException e) {
                throw new AssertionError("an acks=all produce with one replica in sync hung for 60 s", e);
            } catch (ExecutionException e) {
                error = e;
            }
            assertInstanceOf(NotEnoughReplicasException.class, error.getCause(), "refused with NOT_ENOUGH_REPLICAS");

            for (int follower : followers) {
                cluster.relaunch(follower);
            }
            for (int follower : followers) {
                cluster.awaitStarted(follower);
            }
            try (Admin admin = ClusterClients.admin(cluster.bootstrapServers())) {
                ClusterClients.awaitFullyInSync(admin, List.of(TOPIC), 3);
            }
            Await.until(ClusterClients.SETTLE, "the same producer acknowledged again", () -> {
                try {
                    producer.send(new ProducerRecord<>(TOPIC, 0, "k", "after")).get(30, TimeUnit.SECONDS);
                    return true;
                } catch (ExecutionException | TimeoutException e) {
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            });
            Await.until(ClusterClients.SETTLE, "the same member reading on",
                    () -> ledger.all().stream().anyMatch(record -> record.value().equals("after")));
            assertNull(member.died());
        }
        List<Appended> log = TopicLog.readAll(cluster.bootstrapServers(), TOPIC, 1);
        assertFalse(log.stream().anyMatch(record -> record.value().equals("refused")), "the refused record is not in the log");
        assertEquals(50, log.stream().filter(record -> record.value().startsWith("before-")).count());
    }
}
