package io.samsa.benchmarks.sidebyside;

import java.time.Duration;
import java.util.List;

/** A cluster of brokers, each in a child JVM on 127.0.0.1, started for one side of the cluster comparison. */
interface ClusterProcess extends AutoCloseable {

    /** "Samsa" or "Kafka", for the table. */
    String name();

    /** {@code 127.0.0.1:<port>,...} of every node's PLAINTEXT listener. */
    String bootstrapServers();

    /** The node ids. */
    List<Integer> nodeIds();

    /** A node's JVM process id, for {@link ProcessMemory}. */
    long pid(int nodeId);

    /** kill -9 one node; returns once the process is gone. */
    void kill(int nodeId);

    /** Starts a killed node again on its data and ports, and waits until it serves again. */
    void restart(int nodeId, Duration timeout);

    /** Stops every node and deletes their data. */
    @Override
    void close();
}
