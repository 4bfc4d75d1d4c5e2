package io.samsa.coordinator.runtime;

import io.samsa.coordinator.records.SerializedRecord;
import java.nio.ByteBuffer;

/**
 * Turns one coordinator's typed records into the key and value bytes of its internal topic and
 * back: the protobuf records of {@code __consumer_offsets} for the group coordinator, Kafka's
 * TransactionLog key/value for the transaction coordinator. The runtime serializes each write
 * with it and deserializes every record while loading. Implementations are stateless and
 * thread-safe.
 *
 * @param <R> the record type the coordinator's shards replay
 */
public interface CoordinatorRecordCodec<R> {

    /** @return the record's bytes; the arrays belong to the result */
    SerializedRecord serialize(R record);

    /**
     * @param key   the record key (position to limit; must not be modified); valid only during the call
     * @param value the record value, or null for a tombstone; valid only during the call
     * @return the record, or null when it is of a type this broker does not know (loading skips it,
     *         since a newer broker may have written it)
     * @throws RuntimeException when the bytes cannot be read: loading fails
     */
    R deserialize(ByteBuffer key, ByteBuffer value);
}
