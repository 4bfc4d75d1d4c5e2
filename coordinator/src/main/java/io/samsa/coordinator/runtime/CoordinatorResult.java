package io.samsa.coordinator.runtime;

import io.samsa.coordinator.records.CoordinatorRecord;
import java.util.List;
import java.util.Objects;

/**
 * What a write operation produced: the records to append (possibly none) and the response to send
 * once they are durable, plus an optional {@link AppendListener}. Build with the named factories;
 * immutable; thread-safe when the response is.
 *
 * @param <T> the response type
 */
public final class CoordinatorResult<T> {
    private static final AppendListener NO_LISTENER = error -> { };

    private final List<CoordinatorRecord> records;
    private final T response;
    private final AppendListener appendListener;

    private CoordinatorResult(List<CoordinatorRecord> records, T response, AppendListener appendListener) {
        this.records = List.copyOf(records);
        this.response = response;
        this.appendListener = Objects.requireNonNull(appendListener);
    }

    /** @return records to append, then {@code response} */
    public static <T> CoordinatorResult<T> of(List<CoordinatorRecord> records, T response) {
        return new CoordinatorResult<>(records, response, NO_LISTENER);
    }

    /** @return no records, only a response (still released after in-flight writes are durable) */
    public static <T> CoordinatorResult<T> response(T response) {
        return new CoordinatorResult<>(List.of(), response, NO_LISTENER);
    }

    /** @return records without a response, e.g. from a timer */
    public static CoordinatorResult<Void> records(List<CoordinatorRecord> records) {
        return new CoordinatorResult<>(records, null, NO_LISTENER);
    }

    /** @return nothing to write and nothing to answer */
    public static CoordinatorResult<Void> empty() {
        return new CoordinatorResult<>(List.of(), null, NO_LISTENER);
    }

    /** @return this result, also telling {@code listener} how the append ended */
    public CoordinatorResult<T> whenAppended(AppendListener listener) {
        return new CoordinatorResult<>(records, response, listener);
    }

    public List<CoordinatorRecord> records() {
        return records;
    }

    public T response() {
        return response;
    }

    public AppendListener appendListener() {
        return appendListener;
    }

    @Override
    public String toString() {
        return "CoordinatorResult(" + records.size() + " records, response " + response + ")";
    }
}
