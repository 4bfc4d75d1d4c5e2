package io.samsa.coordinator.records;

import java.util.Objects;

/**
 * A coordinator record as bytes, the form {@code CoordinatorLog} stores: the key and the value of a
 * Kafka record, the value null for a tombstone. The arrays are owned by this object once built and
 * must not be changed. Thread-safe when not changed.
 *
 * @param key   the serialized {@code RecordKey}
 * @param value the serialized value message, or null for a tombstone
 */
public record SerializedRecord(byte[] key, byte[] value) {
    public SerializedRecord {
        Objects.requireNonNull(key, "key");
    }

    /** @return the bytes this record adds to a write, for the max write size check */
    public int sizeInBytes() {
        return key.length + (value == null ? 0 : value.length);
    }
}
