package io.samsa.client.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.client.common.TopicPartition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** ConsumerRecords grouping and iteration, offsets, and the listener's lost-means-revoked default. */
class ConsumerTypesTest {
    private static final TopicPartition A0 = new TopicPartition("a", 0);
    private static final TopicPartition A1 = new TopicPartition("a", 1);
    private static final TopicPartition B0 = new TopicPartition("b", 0);

    @Test
    void consumerRecordsGroupsIteratesAndCounts() {
        Map<TopicPartition, List<ConsumerRecord<String, String>>> byPartition = new LinkedHashMap<>();
        byPartition.put(A0, List.of(new ConsumerRecord<>("a", 0, 5, "k", "v1"), new ConsumerRecord<>("a", 0, 6, "k", "v2")));
        byPartition.put(B0, List.of(new ConsumerRecord<>("b", 0, 9, null, "v3")));
        byPartition.put(A1, List.of(new ConsumerRecord<>("a", 1, 0, null, "v4")));
        ConsumerRecords<String, String> records = new ConsumerRecords<>(byPartition,
            Map.of(A0, new OffsetAndMetadata(7), B0, new OffsetAndMetadata(10), A1, new OffsetAndMetadata(1)));
        assertEquals(4, records.count());
        List<String> values = new ArrayList<>();
        records.forEach(r -> values.add(r.value()));
        assertEquals(List.of("v1", "v2", "v3", "v4"), values);
        List<String> topicA = new ArrayList<>();
        records.records("a").forEach(r -> topicA.add(r.value()));
        assertEquals(List.of("v1", "v2", "v4"), topicA);
        assertEquals(2, records.records(A0).size());
        assertEquals(List.of(), records.records(new TopicPartition("c", 0)));
        assertEquals(Set.of(A0, A1, B0), records.partitions());
        assertEquals(7, records.nextOffsets().get(A0).offset());
        assertTrue(ConsumerRecords.empty().isEmpty());
        assertThrows(UnsupportedOperationException.class, () -> records.records(A0).add(null));
        assertThrows(IllegalArgumentException.class, () -> records.records((String) null));
    }

    @Test
    void offsetsValidateAndCompare() {
        assertThrows(IllegalArgumentException.class, () -> new OffsetAndMetadata(-1));
        assertEquals("", new OffsetAndMetadata(3, null).metadata());
        assertEquals(new OffsetAndMetadata(3, Optional.of(2), "m"), new OffsetAndMetadata(3, Optional.of(2), "m"));
        assertEquals(Optional.empty(), new OffsetAndMetadata(3, Optional.of(-1), "").leaderEpoch());
        assertThrows(IllegalArgumentException.class, () -> new OffsetAndTimestamp(1, -5));
        assertEquals(new ConsumerGroupMetadata("g"), new ConsumerGroupMetadata("g", -1, "", Optional.empty()));
    }

    @Test
    void lostPartitionsAreRevokedByDefault() {
        List<Collection<TopicPartition>> revoked = new ArrayList<>();
        ConsumerRebalanceListener listener = new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                revoked.add(partitions);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            }
        };
        listener.onPartitionsLost(List.of(A0));
        assertEquals(List.of(List.of(A0)), revoked);
    }
}
