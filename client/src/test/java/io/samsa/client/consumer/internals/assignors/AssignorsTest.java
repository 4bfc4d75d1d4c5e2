package io.samsa.client.consumer.internals.assignors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.client.common.Cluster;
import io.samsa.client.consumer.ConsumerPartitionAssignor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Resolving partition.assignment.strategy entries: names, our and Kafka's class names, custom classes. */
class AssignorsTest {

    /** A custom assignor, as a user would write one. */
    public static class EverythingToNobody implements ConsumerPartitionAssignor {
        @Override
        public GroupAssignment assign(Cluster metadata, GroupSubscription groupSubscription) {
            return new GroupAssignment(Map.of());
        }

        @Override
        public String name() {
            return "nobody";
        }
    }

    @Test
    void resolvesEveryBuiltInSpelling() {
        assertEquals("range", Assignors.canonicalName("range"));
        assertEquals("sticky", Assignors.canonicalName(" org.apache.kafka.clients.consumer.StickyAssignor "));
        assertEquals("roundrobin", Assignors.canonicalName(RoundRobinAssignor.class.getName()));
        assertTrue(Assignors.create("cooperative-sticky") instanceof CooperativeStickyAssignor);
        for (String name : Assignors.NAMES) {
            assertEquals(name, Assignors.create(name).name());
        }
    }

    @Test
    void customAssignorClassesAreKeptAndCreated() {
        String className = EverythingToNobody.class.getName();
        assertEquals(className, Assignors.canonicalName(className));
        assertEquals("nobody", Assignors.create(className).name());
        assertNull(Assignors.canonicalName("java.lang.String"));
        assertNull(Assignors.canonicalName("com.example.Missing"));
        assertThrows(IllegalArgumentException.class, () -> Assignors.create("java.lang.String"));
    }
}
