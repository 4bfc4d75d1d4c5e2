package io.samsa.coordinator.timeline;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A hash map that can be reverted to any live snapshot of its {@link SnapshotRegistry}. While a
 * snapshot is live, each change pushes one undo entry (the key's previous value); reverting pops
 * entries newest first. Keys and values must not be null; values should be immutable, because only
 * the map's own {@code put}/{@code remove} calls are undone.
 *
 * <p>Reads are plain {@link HashMap} reads; the views it returns are unmodifiable.
 *
 * <p>Not thread-safe: owned by the shard's event thread.
 */
public final class TimelineHashMap<K, V> implements Revertable {
    private final SnapshotRegistry registry;
    private final HashMap<K, V> current = new HashMap<>();
    private final ArrayDeque<Undo<K, V>> undoLog = new ArrayDeque<>();

    /** One remembered change: under snapshot {@code epoch}, {@code key} held {@code previous} (null = absent). */
    private record Undo<K, V>(long epoch, K key, V previous) {
    }

    public TimelineHashMap(SnapshotRegistry registry) {
        this.registry = Objects.requireNonNull(registry);
    }

    public V get(K key) {
        return current.get(key);
    }

    public boolean containsKey(K key) {
        return current.containsKey(key);
    }

    public int size() {
        return current.size();
    }

    public boolean isEmpty() {
        return current.isEmpty();
    }

    /** @return an unmodifiable live view of the values */
    public Collection<V> values() {
        return Collections.unmodifiableCollection(current.values());
    }

    /** @return an unmodifiable live view of the keys */
    public Set<K> keySet() {
        return Collections.unmodifiableSet(current.keySet());
    }

    /** @return an unmodifiable live view of the entries */
    public Set<Map.Entry<K, V>> entrySet() {
        return Collections.unmodifiableMap(current).entrySet();
    }

    /** @return the previous value, or null */
    public V put(K key, V value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        V previous = current.put(key, value);
        remember(key, previous);
        return previous;
    }

    /** @return the removed value, or null when the key was absent */
    public V remove(K key) {
        if (!current.containsKey(key)) {
            return null;
        }
        V previous = current.remove(key);
        remember(key, previous);
        return previous;
    }

    private void remember(K key, V previous) {
        long epoch = registry.currentEpoch();
        if (epoch < 0) {
            return;
        }
        if (undoLog.isEmpty()) {
            registry.markDirty(this);
        }
        undoLog.addLast(new Undo<>(epoch, key, previous));
    }

    @Override
    public void revertTo(long epoch) {
        while (!undoLog.isEmpty() && undoLog.peekLast().epoch() >= epoch) {
            Undo<K, V> undo = undoLog.removeLast();
            if (undo.previous() == null) {
                current.remove(undo.key());
            } else {
                current.put(undo.key(), undo.previous());
            }
        }
    }

    @Override
    public boolean compactUpTo(long epoch) {
        Iterator<Undo<K, V>> it = undoLog.iterator();
        while (it.hasNext() && it.next().epoch() <= epoch) {
            it.remove();
        }
        return undoLog.isEmpty();
    }

    /** @return a copy of the current contents, for comparisons in tests and diagnostics */
    public Map<K, V> toMap() {
        return new HashMap<>(current);
    }

    @Override
    public String toString() {
        return current.toString();
    }
}
