package io.samsa.broker.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.broker.testing.ClusterClients;
import io.samsa.protocol.testing.Await;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, Done means 2: kill -9 of the broker that coordinates a 3-member group while the members
 * consume with commitSync. The group carries on with the new coordinator and reads every record; the
 * committed offsets, sampled all along, never go backwards and end at the log end; no member re-reads
 * a record below an offset that had been committed successfully.
 */
@Tag("cluster-pending")
class CoordinatorKillTest extends SharedClusterScenario {
    private static final String TOPIC = "coordinated";
    private static final String GROUP = "coordinated-group";
    private static final int PARTITIONS = 6;
    private static final int PER_PARTITION = 400;

    @Test
    void theGroupCarriesOnWithTheNewCoordinatorAndNoCommittedOffsetGoesBack() throws Exception {
        int total = PARTITIONS * PER_PARTITION;
        try (Admin admin = ClusterClients.admin(cluster.bootstrapServers())) {
            ClusterClients.createTopic(admin, TOPIC, PARTITIONS, 3);
            try (KafkaProducer<String, String> producer = ClusterClients.producer(cluster.bootstrapServers(), Map.of())) {
                for (int i = 0; i < total; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, i % PARTITIONS, "k" + i, "v" + i));
                }
                producer.flush();
            }

            CommittingMember.Ledger ledger = new CommittingMember.Ledger();
            List<String> backwards = new CopyOnWriteArrayList<>();
            Map<Integer, Long> sampled = new HashMap<>();
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            List<CommittingMember> members = new ArrayList<>();
            try {
                sampler.scheduleWithFixedDelay(() -> sample(admin, sampled, backwards), 0, 100, TimeUnit.MILLISECONDS);
                for (int m = 0; m < 3; m++) {
                    members.add(CommittingMember.start("member-" + m, cluster.bootstrapServers(), GROUP, TOPIC, ledger, Map.of()));
                }
                Await.until(ClusterClients.SETTLE, "three members with partitions and a third of the records read",
                        () -> members.stream().allMatch(CommittingMember::hasBeenAssigned) && ledger.distinctRead() >= total / 3);
                ConsumerGroupDescription before = ClusterClients.get(admin.describeConsumerGroups(List.of(GROUP)).all()).get(GROUP);
                assertEquals(3, before.members().size(), "a 3-member group: " + before);
                int coordinator = before.coordinator().id();
                cluster.kill(coordinator);
                assertTrue(ledger.distinctRead() < total, "the coordinator died while the group was consuming");

                Await.until(ClusterClients.SETTLE, "the group reading every record after the coordinator's death",
                        () -> ledger.distinctRead() == total);
                for (CommittingMember member : members) {
                    assertNull(member.died(), "member died: " + member.died());
                }
                ConsumerGroupDescription after = ClusterClients.get(admin.describeConsumerGroups(List.of(GROUP)).all()).get(GROUP);
                assertNotEquals(coordinator, after.coordinator().id(), "a new coordinator");
                Map<Integer, Long> confirmed = ledger.committed();
                Await.until(ClusterClients.SETTLE, "the committed offsets at the log end", () -> {
                    Map<TopicPartition, OffsetAndMetadata> now = ClusterClients.getOrNull(
                            admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata());
                    return now != null && now.size() == PARTITIONS
                            && now.values().stream().allMatch(o -> o != null && o.offset() == PER_PARTITION);
                });
                confirmed.forEach((p, offset) -> assertTrue(offset <= PER_PARTITION, "partition " + p + " committed " + offset));
            } finally {
                for (CommittingMember member : members) {
                    member.close();
                }
                sampler.shutdownNow();
            }
            assertEquals(List.of(), backwards, "committed offsets never go backwards");
            assertEquals(List.of(), ledger.violations(), "no member re-reads below a committed offset");
            for (int p = 0; p < PARTITIONS; p++) {
                TopicPartition partition = new TopicPartition(TOPIC, p);
                assertEquals(PER_PARTITION, admin.listOffsets(Map.of(partition, OffsetSpec.latest()))
                        .partitionResult(partition).get().offset(), "the log holds what was produced");
            }
        }
    }

    /** One sample of the group's committed offsets (skipped while the coordinator is moving). */
    private static void sample(Admin admin, Map<Integer, Long> sampled, List<String> backwards) {
        Map<TopicPartition, OffsetAndMetadata> now;
        try {
            now = admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            return;
        }
        now.forEach((partition, offset) -> {
            if (offset == null) {
                return;
            }
            Long previous = sampled.put(partition.partition(), offset.offset());
            if (previous != null && offset.offset() < previous) {
                backwards.add(partition + " went from " + previous + " to " + offset.offset());
            }
        });
    }
}
