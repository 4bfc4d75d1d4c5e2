package io.samsa.client.admin.internals;

/**
 * The result of one attempt for one key of an admin operation: a value, a final error, or an error
 * worth another attempt within the operation's deadline.
 *
 * <p>Immutable.
 */
public record Outcome<V>(V value, Throwable error, boolean retry) {

    public static <V> Outcome<V> ok(V value) {
        return new Outcome<>(value, null, false);
    }

    public static <V> Outcome<V> fail(Throwable error) {
        return new Outcome<>(null, error, false);
    }

    public static <V> Outcome<V> retry(Throwable error) {
        return new Outcome<>(null, error, true);
    }

    /** Retry when the error is retriable (Kafka's RetriableException), fail otherwise. */
    public static <V> Outcome<V> of(Throwable error) {
        return error instanceof io.samsa.client.errors.RetriableException ? retry(error) : fail(error);
    }
}
