package io.samsa.client.testing;

/**
 * A single-node broker an interop test suite runs against: a real Apache Kafka 4.1
 * ({@link #kafka()}) or the Samsa broker in-process ({@link #samsa()}). The same test bodies run on
 * both, so every difference in behaviour between the two shows up as a failing test.
 *
 * <p>Start one per test class; {@link #close} stops the broker and deletes its data. Implementations
 * are thread-safe for reading; start and close once.
 */
public interface BrokerUnderTest extends AutoCloseable {

    /** Starts Apache Kafka 4.1 in a child JVM (about 5-15 s). */
    static BrokerUnderTest kafka() {
        return new KafkaBrokerUnderTest(KafkaBroker.start());
    }

    /** As {@link #kafka()}, with extra server.properties entries. */
    static BrokerUnderTest kafka(java.util.Map<String, String> config) {
        KafkaBroker.Builder builder = KafkaBroker.builder();
        config.forEach(builder::config);
        return new KafkaBrokerUnderTest(builder.start());
    }

    /** Starts the Samsa broker in this JVM (well under a second). */
    static BrokerUnderTest samsa() {
        return SamsaBrokerUnderTest.start(java.util.Map.of());
    }

    /** As {@link #samsa()}, with extra broker config entries (Kafka's keys). */
    static BrokerUnderTest samsa(java.util.Map<String, String> config) {
        return SamsaBrokerUnderTest.start(config);
    }

    /** {@code 127.0.0.1:<port>} of the client listener. */
    default String bootstrapServers() {
        return "127.0.0.1:" + port();
    }

    /** The client listener's port. */
    int port();

    /** The broker's node id (1 for both implementations). */
    int nodeId();

    /** The cluster id the broker reports in Metadata and DescribeCluster. */
    String clusterId();

    /** "kafka" or "samsa", for messages and test names. */
    String name();

    /** Stops the broker and deletes its data; never throws. */
    @Override
    void close();
}
