package io.samsa.broker.interop;

import io.samsa.broker.Broker;
import io.samsa.broker.BrokerAssembly;
import io.samsa.broker.testing.TestBrokers;
import io.samsa.protocol.util.Time;
import java.nio.file.Path;
import java.util.Map;

/**
 * Our real broker (every module, via {@link BrokerAssembly}) in this JVM on 127.0.0.1 and an
 * ephemeral port, keeping its data in a directory the test owns so it can be restarted on it.
 *
 * <p>Not thread-safe: the test thread starts, restarts and closes it.
 */
final class InteropBroker implements InteropTarget {
    private final Path dataDir;
    private Broker broker;

    private InteropBroker(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** @return a started broker storing its logs in {@code dataDir} */
    static InteropBroker start(Path dataDir) throws Exception {
        InteropBroker interop = new InteropBroker(dataDir);
        interop.broker = build(dataDir).start();
        return interop;
    }

    /** Closes the broker cleanly and starts a new one on the same data directory (a new port). */
    void restart() throws Exception {
        broker.close();
        broker = null;
        broker = build(dataDir).start();
    }

    /** @return {@code 127.0.0.1:port} */
    @Override
    public String bootstrap() {
        return "127.0.0.1:" + broker.boundPort();
    }

    @Override
    public void close() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    private static Broker build(Path dataDir) {
        return BrokerAssembly.build(TestBrokers.config(Map.of("log.dirs", dataDir.toString())), Time.SYSTEM);
    }
}
