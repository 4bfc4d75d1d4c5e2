package io.samsa.metadata.controller;

import io.samsa.metadata.image.MetadataImage;
import io.samsa.metadata.image.PartitionRegistration;
import io.samsa.metadata.image.TopicImage;
import io.samsa.metadata.image.IntArrays;
import io.samsa.metadata.records.proto.MetadataRecord;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * The partition changes that follow a broker's fencing or unfencing: a fenced broker leaves every
 * ISR it is in (unless it is the last member) and its leaderships move; an unfenced broker takes
 * the leadership of leaderless partitions it can lead. Scans every partition: O(partitions) per
 * fencing event (Kafka keeps a broker-to-ISR index instead; see the module notes for the cost).
 * Stateless.
 */
final class LeaderMoves {
    private LeaderMoves() {
    }

    /** Appends the changes for {@code brokerId} being fenced as of {@code image} to {@code records}. */
    static void onFenced(MetadataImage image, int brokerId, boolean uncleanAllowed, List<MetadataRecord> records) {
        IntPredicate isActive = id -> id != brokerId && image.isActive(id);
        for (TopicImage topic : image.topicsById().values()) {
            for (Map.Entry<Integer, PartitionRegistration> entry : topic.partitions().entrySet()) {
                PartitionRegistration partition = entry.getValue();
                if (!partition.isrContains(brokerId) && partition.leader() != brokerId) {
                    continue;
                }
                new PartitionChangeBuilder(topic.id(), entry.getKey(), partition, isActive, uncleanAllowed)
                        .setTargetIsr(IntArrays.filter(partition.isr(), id -> id != brokerId))
                        .build().ifPresent(records::add);
            }
        }
    }

    /** Appends the leader elections {@code brokerId} being unfenced as of {@code image} allows. */
    static void onUnfenced(MetadataImage image, int brokerId, boolean uncleanAllowed, List<MetadataRecord> records) {
        IntPredicate isActive = id -> id == brokerId || image.isActive(id);
        for (TopicImage topic : image.topicsById().values()) {
            for (Map.Entry<Integer, PartitionRegistration> entry : topic.partitions().entrySet()) {
                PartitionRegistration partition = entry.getValue();
                if (partition.hasLeader() || !partition.replicasContain(brokerId)) {
                    continue;
                }
                new PartitionChangeBuilder(topic.id(), entry.getKey(), partition, isActive, uncleanAllowed)
                        .build().ifPresent(records::add);
            }
        }
    }
}
