package io.samsa.broker.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.broker.testing.ClusterClients;
import io.samsa.protocol.testing.Await;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, Done means 1: RF=3, acks=all, min.insync.replicas=2 and an idempotent kafka-clients 4.1
 * producer; the leader of a partition is killed with kill -9 mid-run. Every acknowledged record is
 * in the log exactly once at its acknowledged offset, and once the killed node is back and the ISR
 * full again, the three replicas of every partition hold byte-identical segment files up to the
 * high watermark.
 */
@Tag("cluster-pending")
class LeaderKillDuringAcksAllProduceTest extends SharedClusterScenario {
    private static final String TOPIC = "acks-all-failover";
    private static final int PARTITIONS = 3;
    private static final int RECORDS = 6000;
    private static final int KILL_AFTER_ACKS = 1500;
    private static final int MAX_UNACKED = 300;

    @Test
    void everyAcknowledgedRecordSurvivesOnceAndTheReplicasEndIdentical() throws Exception {
        try (Admin admin = ClusterClients.admin(cluster.bootstrapServers())) {
            ClusterClients.createTopic(admin, TOPIC, PARTITIONS, 3);
            int victim = ClusterClients.leaderOf(admin, TOPIC, 0);
            assertTrue(victim > 0, "partition 0 has a leader");

            BackgroundProducer producer = BackgroundProducer.start(cluster.bootstrapServers(), TOPIC, PARTITIONS,
                    MAX_UNACKED, RECORDS);
            int ackedAtKill;
            try {
                Await.until(ClusterClients.SETTLE, KILL_AFTER_ACKS + " acknowledgements",
                        () -> producer.ackedCount() >= KILL_AFTER_ACKS);
                ackedAtKill = producer.ackedCount();
                cluster.kill(victim);
                producer.finish();
            } finally {
                producer.close();
            }
            assertNull(producer.died());
            assertTrue(ackedAtKill < RECORDS, "the leader died mid-run, after " + ackedAtKill + " of " + RECORDS
                    + " acknowledgements");
            List<Exception> failed = producer.failed();
            assertEquals(List.of(), failed.subList(0, Math.min(5, failed.size())),
                    "an idempotent producer with a long delivery timeout rides out the failover");
            List<Appended> acked = producer.acked();
            assertEquals(RECORDS, acked.size());

            cluster.restart(victim);
            ClusterClients.awaitFullyInSync(admin, List.of(TOPIC), 3);

            List<Appended> log = TopicLog.readAll(cluster.bootstrapServers(), TOPIC, PARTITIONS);
            TopicLog.assertAckedExactlyOnce(acked, log, producer.sent());
            assertEquals(acked.size(), log.size(), "nothing but the acknowledged records is in the log");

            for (int p = 0; p < PARTITIONS; p++) {
                TopicPartition partition = new TopicPartition(TOPIC, p);
                long highWatermark = admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition)
                        .get().offset();
                ReplicaFiles.awaitIdenticalUpTo(cluster, cluster.nodeIds(), TOPIC, p, highWatermark);
            }
        }
    }
}
