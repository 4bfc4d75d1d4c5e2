package io.samsa.benchmarks.sidebyside;

/**
 * The part of a consumer the client benchmarks use, so one workload drives either client. Each
 * benchmark child JVM opens exactly one kind, so the call sites stay monomorphic.
 *
 * <p>Not thread-safe, as the wrapped consumers.
 */
interface BenchConsumer extends AutoCloseable {

    /** Receives each polled record's CreateTime and value, in order. */
    @FunctionalInterface
    interface RecordSink {
        void accept(long timestampMs, byte[] value);
    }

    /** Assigns partition 0 of {@code topic} (no group) and seeks to its beginning. */
    void assignFromBeginning(String topic);

    /** Polls once for up to {@code timeoutMs}, hands every record to {@code sink} and returns how many there were. */
    int poll(long timeoutMs, RecordSink sink);

    @Override
    void close();

    static BenchConsumer open(ClientKind kind, String bootstrapServers) {
        return kind == ClientKind.SAMSA ? new SamsaBenchConsumer(bootstrapServers) : new KafkaBenchConsumer(bootstrapServers);
    }
}
