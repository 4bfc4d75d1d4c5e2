package io.samsa.benchmarks.sidebyside;

/**
 * The part of a producer the client benchmarks use, so one workload drives either client. Each
 * benchmark child JVM opens exactly one kind, so the call sites stay monomorphic.
 *
 * <p>Thread-safety as the wrapped producer's (both are thread-safe).
 */
interface BenchProducer extends AutoCloseable {

    /** Sends {@code value} (no key) to partition 0 of {@code topic} with CreateTime {@code timestampMs}. */
    void send(String topic, long timestampMs, byte[] value);

    /**
     * Waits until every record sent so far is acknowledged.
     *
     * @throws IllegalStateException when any send failed, with the first failure
     */
    void flush();

    @Override
    void close();

    static BenchProducer open(ClientKind kind, String bootstrapServers) {
        return kind == ClientKind.SAMSA ? new SamsaBenchProducer(bootstrapServers) : new KafkaBenchProducer(bootstrapServers);
    }
}
