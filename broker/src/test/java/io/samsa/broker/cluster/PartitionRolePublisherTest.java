package io.samsa.broker.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.samsa.metadata.image.MetadataDelta;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.metadata.image.PartitionRegistration;
import io.samsa.metadata.records.MetadataRecords;
import io.samsa.metadata.records.proto.MetadataRecord;
import io.samsa.protocol.types.Uuid;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Only the partitions this broker replicates reach the sink; deleted topics' partitions are removed. */
class PartitionRolePublisherTest {
    private final List<String> events = new ArrayList<>();
    private final PartitionRolePublisher publisher = new PartitionRolePublisher(2, new PartitionRoleSink() {
        @Override
        public void onRole(String topic, int partition, PartitionRegistration registration) {
            events.add("role " + topic + "-" + partition + " leader " + registration.leader());
        }

        @Override
        public void onRemoved(String topic, int partition) {
            events.add("removed " + topic + "-" + partition);
        }
    });

    private MetadataImage apply(MetadataImage image, MetadataRecord... records) {
        MetadataDelta delta = image.newDelta();
        for (MetadataRecord record : records) {
            delta.replay(record);
        }
        MetadataImage next = delta.apply(image.offset() + 1, 1);
        publisher.onMetadataUpdate(delta, next);
        return next;
    }

    @Test
    void rolesOfThisBrokersPartitionsAndRemovalOfDeletedOnes() {
        Uuid id = new Uuid(3, 4);
        MetadataImage image = apply(MetadataImage.EMPTY, MetadataRecords.topic("t", id),
                MetadataRecords.partition(id, 0, List.of(1, 2), List.of(1, 2), List.of(), List.of(), 1, 0, 0),
                MetadataRecords.partition(id, 1, List.of(3, 1), List.of(3, 1), List.of(), List.of(), 3, 0, 0));
        assertEquals(List.of("role t-0 leader 1"), events);

        events.clear();
        apply(image, MetadataRecords.removeTopic(id));
        assertEquals(List.of("removed t-0"), events);
    }

    @Test
    void aTopicReCreatedUnderTheSameNameInOneDeltaKeepsItsNewRoles() {
        Uuid old = new Uuid(3, 4);
        Uuid fresh = new Uuid(5, 6);
        MetadataImage image = apply(MetadataImage.EMPTY, MetadataRecords.topic("t", old),
                MetadataRecords.partition(old, 0, List.of(1, 2), List.of(1, 2), List.of(), List.of(), 1, 0, 0));
        events.clear();
        apply(image, MetadataRecords.removeTopic(old), MetadataRecords.topic("t", fresh),
                MetadataRecords.partition(fresh, 0, List.of(2, 3), List.of(2, 3), List.of(), List.of(), 2, 0, 0));
        assertEquals(List.of("role t-0 leader 2"), events, "the old topic's removal must not take the new role");
    }
}
