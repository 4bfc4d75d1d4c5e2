package io.samsa.coordinator.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TimelineHashMapTest {
    private final SnapshotRegistry registry = new SnapshotRegistry();
    private final TimelineHashMap<String, Integer> map = new TimelineHashMap<>(registry);

    @Test
    void revertUndoesPutsRemovesAndOverwritesSinceTheSnapshot() {
        map.put("kept", 1);
        map.put("overwritten", 2);
        map.put("removed", 3);
        registry.createSnapshot(1);
        map.put("overwritten", 20);
        map.put("overwritten", 200);
        map.remove("removed");
        map.put("added", 4);

        registry.revertTo(1);

        assertEquals(Map.of("kept", 1, "overwritten", 2, "removed", 3), map.toMap());
        assertFalse(registry.hasSnapshots());
    }

    @Test
    void revertToAnOlderSnapshotUndoesLaterSnapshotsToo() {
        registry.createSnapshot(1);
        map.put("a", 1);
        registry.createSnapshot(2);
        map.put("b", 2);
        registry.createSnapshot(3);
        map.put("a", 10);

        registry.revertTo(2);
        assertEquals(Map.of("a", 1), map.toMap());
        registry.revertTo(1);
        assertEquals(Map.of(), map.toMap());
    }

    @Test
    void committedWritesSurviveALaterRevert() {
        registry.createSnapshot(1);
        map.put("a", 1);
        registry.createSnapshot(2);
        map.put("b", 2);
        registry.commitUpTo(1);
        assertThrows(IllegalArgumentException.class, () -> registry.revertTo(1), "snapshot 1 is gone");

        registry.revertTo(2);
        assertEquals(Map.of("a", 1), map.toMap());
    }

    @Test
    void withoutASnapshotChangesAreFinal() {
        map.put("a", 1);
        registry.createSnapshot(5);
        registry.revertTo(5);
        assertEquals(1, map.get("a"));
    }

    @Test
    void nestedMapsRevertTheirOuterEntryAndTheirContents() {
        TimelineHashMap<String, TimelineHashMap<String, Integer>> outer = new TimelineHashMap<>(registry);
        TimelineHashMap<String, Integer> inner = new TimelineHashMap<>(registry);
        outer.put("g", inner);
        inner.put("p0", 1);

        registry.createSnapshot(1);
        inner.remove("p0");
        outer.remove("g");
        TimelineHashMap<String, Integer> fresh = new TimelineHashMap<>(registry);
        outer.put("h", fresh);
        fresh.put("p1", 2);
        registry.revertTo(1);

        assertEquals(1, outer.size());
        assertEquals(Map.of("p0", 1), outer.get("g").toMap());
        assertNull(outer.get("h"));
    }

    @Test
    void snapshotsMustIncrease() {
        registry.createSnapshot(3);
        assertThrows(IllegalArgumentException.class, () -> registry.createSnapshot(3));
    }
}
