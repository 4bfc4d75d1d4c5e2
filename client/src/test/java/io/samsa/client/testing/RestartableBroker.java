package io.samsa.client.testing;

import java.time.Duration;

/**
 * A {@link BrokerUnderTest} in a child JVM that a test can kill with SIGKILL (kill -9: no shutdown
 * hook, nothing flushed or closed) and start again on the same data directory and the same port, so
 * a client reconnects to the address it already knows, as after a crash of a real broker.
 *
 * <p>{@link #close} stops the broker if it runs and deletes its data. Start, kill, restart and close
 * from one thread.
 */
public interface RestartableBroker extends BrokerUnderTest {

    /**
     * Apache Kafka 4.1 in a child JVM (single-node KRaft). A restarted Kafka cannot register again
     * (DUPLICATE_BROKER_REGISTRATION) until its killed incarnation's session expires, 9 s by default:
     * a shorter session keeps the restart to a few seconds.
     */
    static RestartableBroker kafka() {
        return new KafkaBrokerUnderTest(KafkaBroker.builder()
            .config("broker.session.timeout.ms", "2500")
            .config("broker.heartbeat.interval.ms", "500")
            .start());
    }

    /** The Samsa broker's main class in a child JVM. */
    static RestartableBroker samsa() {
        return SamsaBrokerProcess.start();
    }

    /** kill -9 of the broker process; returns once the process is gone. */
    void kill();

    /** Starts the killed broker again on the same data and port; returns once it serves clients. */
    void restart(Duration timeout);

    /** Whether the broker process is running. */
    boolean isRunning();
}
