package io.samsa.client.testing;

import java.time.Duration;

/** {@link BrokerUnderTest} over a {@link KafkaBroker} child JVM, which can be killed and restarted. Thread-safe for reading. */
final class KafkaBrokerUnderTest implements RestartableBroker {
    private final KafkaBroker kafka;

    KafkaBrokerUnderTest(KafkaBroker kafka) {
        this.kafka = kafka;
    }

    @Override
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public int port() {
        return kafka.port();
    }

    @Override
    public int nodeId() {
        return kafka.nodeId();
    }

    @Override
    public String clusterId() {
        return kafka.clusterId();
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public void kill() {
        kafka.kill();
    }

    @Override
    public void restart(Duration timeout) {
        kafka.restart(timeout);
    }

    @Override
    public boolean isRunning() {
        return kafka.isRunning();
    }

    @Override
    public void close() {
        kafka.close();
    }

    @Override
    public String toString() {
        return kafka.toString();
    }
}
