package io.samsa.broker.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.protocol.types.Uuid;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster mode's mirrored changes: the image's topic goes in as it is (its id, count, configs),
 * without the local creation checks, listeners hear the equivalent local events, and the state
 * survives a reload.
 */
class TopicRegistryMirrorTest {
    private static final Uuid ID = new Uuid(1, 2);

    @TempDir
    Path dir;
    private final List<String> events = new CopyOnWriteArrayList<>();

    private TopicRegistry registry() {
        TopicRegistry registry = new TopicRegistry(new TopicStore(dir), 2, 3);
        registry.addListener(new TopicListener() {
            @Override
            public void topicCreated(Topic topic) {
                events.add("created " + topic.name() + " " + topic.partitionCount());
            }

            @Override
            public void topicDeleted(Topic topic) {
                events.add("deleted " + topic.name() + " " + topic.id());
            }

            @Override
            public void partitionsAdded(Topic before, Topic after) {
                events.add("grown " + after.name() + " " + before.partitionCount() + "->" + after.partitionCount());
            }

            @Override
            public void configsChanged(Topic before, Topic after) {
                events.add("configs " + after.name() + " " + after.configOverrides());
            }
        });
        return registry;
    }

    @Test
    void theImagesTopicGoesInAsItIsPastTheLocalLimitsAndChangesBecomeTheLocalEvents() {
        TopicRegistry registry = registry();
        Topic orders = new Topic("orders", ID, 5, Map.of(), false);
        assertTrue(registry.applyMirrored(orders), "5 partitions: above this registry's own limits, the controller decided");
        assertFalse(registry.applyMirrored(orders), "the same state again changes nothing");
        assertTrue(registry.applyMirrored(orders.withPartitionCount(6)));
        assertTrue(registry.applyMirrored(orders.withPartitionCount(6).withConfigOverrides(Map.of("retention.ms", "1"))));
        assertEquals(List.of("created orders 5", "grown orders 5->6", "configs orders {retention.ms=1}"), events);
        assertEquals(ID, new TopicRegistry(new TopicStore(dir), 2, 3).topic("orders").orElseThrow().id(),
                "saved with the image's id");
    }

    @Test
    void aTopicReCreatedUnderTheSameNameReplacesTheOldOneAndRemovalDeletes() {
        TopicRegistry registry = registry();
        Topic local = registry.create("orders", 1, Map.of());
        Uuid other = new Uuid(3, 4);
        registry.applyMirrored(new Topic("orders", other, 1, Map.of(), false));
        assertEquals(List.of("created orders 1", "deleted orders " + local.id(), "created orders 1"), events);
        assertEquals(other, registry.topic("orders").orElseThrow().id());
        assertTrue(registry.topic(local.id()).isEmpty());

        assertEquals(other, registry.removeMirrored("orders").orElseThrow().id());
        assertTrue(registry.removeMirrored("orders").isEmpty());
        assertTrue(registry.topics().isEmpty());
    }
}
