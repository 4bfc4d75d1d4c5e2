package io.samsa.coordinator.consumer.assignor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.samsa.protocol.types.Uuid;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class RangeAssignorTest {
    private static final Uuid T = new Uuid(1, 1);
    private static final Uuid U = new Uuid(1, 2);

    @Test
    void eachTopicIsSplitIntoContiguousRangesInMemberOrder() {
        Map<String, AssignmentSpec.MemberSpec> members = new TreeMap<>();
        members.put("b", new AssignmentSpec.MemberSpec(Set.of(T, U), Map.of()));
        members.put("a", new AssignmentSpec.MemberSpec(Set.of(T, U), Map.of()));
        members.put("c", new AssignmentSpec.MemberSpec(Set.of(T), Map.of()));
        Map<String, TopicPartitions> result = new RangeAssignor().assign(
                new AssignmentSpec(new TreeMap<>(members), new TreeMap<>(Map.of(T, 7, U, 3))));
        assertEquals(Set.of(0, 1, 2), new TreeSet<>(result.get("a").partitions().get(T)));
        assertEquals(Set.of(3, 4), new TreeSet<>(result.get("b").partitions().get(T)));
        assertEquals(Set.of(5, 6), new TreeSet<>(result.get("c").partitions().get(T)));
        assertEquals(Set.of(0, 1), new TreeSet<>(result.get("a").partitions().get(U)));
        assertEquals(Set.of(2), new TreeSet<>(result.get("b").partitions().get(U)));
        assertEquals(null, result.get("c").partitions().get(U));
    }
}
