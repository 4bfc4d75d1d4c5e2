package io.samsa.benchmarks.sidebyside;

/** A broker running in a child JVM on 127.0.0.1, started for one side of the comparison. */
public interface BrokerProcess extends AutoCloseable {

    /** "Samsa" or "Kafka", for the table. */
    String name();

    /** {@code 127.0.0.1:<port>} of the PLAINTEXT listener. */
    String bootstrapServers();

    /** The broker JVM's process id, for {@link ProcessMemory}. */
    long pid();

    /** Stops the broker (SIGTERM, then kill) and deletes its data. */
    @Override
    void close();
}
