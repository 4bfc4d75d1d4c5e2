package io.samsa.coordinator.runtime;

import java.util.List;
import java.util.Objects;

/**
 * What a write operation produced: the records to append (possibly none) and the response to send
 * once they are durable, plus an optional {@link AppendListener}. Build with the named factories;
 * immutable; thread-safe when the response is.
 *
 * <p>Records are normally appended to the log and replayed. {@link #inMemory} records are only
 * replayed: state Kafka, too, keeps in memory and never writes (a classic group between two
 * settled generations). They change state through the same replay path, so they are undone with
 * any earlier in-flight write that fails, and their answer still waits for those writes.
 *
 * <p>The records are of the shard's record type (the runtime's {@link CoordinatorRecordCodec});
 * the runtime hands them to that shard's replay.
 *
 * @param <T> the response type
 */
public final class CoordinatorResult<T> {
    private static final AppendListener NO_LISTENER = error -> { };

    private final List<?> records;
    private final T response;
    private final AppendListener appendListener;
    private final boolean inMemory;

    private CoordinatorResult(List<?> records, T response, AppendListener appendListener, boolean inMemory) {
        this.records = List.copyOf(records);
        this.response = response;
        this.appendListener = Objects.requireNonNull(appendListener);
        this.inMemory = inMemory;
    }

    private CoordinatorResult(List<?> records, T response, AppendListener appendListener) {
        this(records, response, appendListener, false);
    }

    /** @return records to append, then {@code response} */
    public static <T> CoordinatorResult<T> of(List<?> records, T response) {
        return new CoordinatorResult<>(records, response, NO_LISTENER);
    }

    /**
     * @return records to replay without appending them, then {@code response} (released, like a
     *         response without records, once the writes in flight are durable)
     */
    public static <T> CoordinatorResult<T> inMemory(List<?> records, T response) {
        return new CoordinatorResult<>(records, response, NO_LISTENER, true);
    }

    /** @return no records, only a response (still released after in-flight writes are durable) */
    public static <T> CoordinatorResult<T> response(T response) {
        return new CoordinatorResult<>(List.of(), response, NO_LISTENER);
    }

    /** @return records without a response, e.g. from a timer */
    public static CoordinatorResult<Void> records(List<?> records) {
        return new CoordinatorResult<>(records, null, NO_LISTENER);
    }

    /** @return nothing to write and nothing to answer */
    public static CoordinatorResult<Void> empty() {
        return new CoordinatorResult<>(List.of(), null, NO_LISTENER);
    }

    /** @return this result, also telling {@code listener} how the append ended */
    public CoordinatorResult<T> whenAppended(AppendListener listener) {
        return new CoordinatorResult<>(records, response, listener, inMemory);
    }

    public List<?> records() {
        return records;
    }

    public T response() {
        return response;
    }

    public AppendListener appendListener() {
        return appendListener;
    }

    /** @return true when {@link #records()} are replayed but not appended to the log */
    public boolean isInMemory() {
        return inMemory;
    }

    @Override
    public String toString() {
        return "CoordinatorResult(" + records.size() + (inMemory ? " in-memory" : "") + " records, response " + response + ")";
    }
}
