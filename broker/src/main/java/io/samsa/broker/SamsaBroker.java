package io.samsa.broker;

import io.samsa.broker.cluster.ControllerNode;
import io.samsa.broker.config.BrokerConfig;
import io.samsa.broker.config.BrokerConfigLoader;
import io.samsa.broker.config.ClusterModeConfig;
import io.samsa.broker.config.ConfigException;
import io.samsa.protocol.util.Time;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's main class: {@code java -jar broker/target/samsa-broker.jar [server.properties] [--override key=value]...}.
 *
 * <p>Ready when the log shows {@code Samsa broker started on <host:port>[, ...]}. On SIGTERM or
 * SIGINT the shutdown hook stops accepting, finishes requests in flight (bounded by
 * {@code samsa.shutdown.timeout.ms}), closes components in reverse order and exits with status 0.
 * An invalid configuration or a failed start exits with status 1 after one error line.
 */
public final class SamsaBroker {
    private static final Logger log = LoggerFactory.getLogger(SamsaBroker.class);

    private SamsaBroker() {
    }

    public static void main(String[] args) {
        Broker broker;
        try {
            BrokerArgs parsed = BrokerArgs.parse(Arrays.asList(args));
            BrokerConfig config = BrokerConfigLoader.load(parsed.configFile(), parsed.overrides());
            if (config.cluster().map(ClusterModeConfig::isControllerOnly).orElse(false)) {
                startController(config);
                return;
            }
            broker = BrokerAssembly.build(config, Time.SYSTEM).start();
        } catch (ConfigException e) {
            log.error("Invalid configuration: {}", e.getMessage());
            System.exit(1);
            return;
        } catch (Exception e) {
            log.error("Samsa broker failed to start: {}", e.toString(), e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(broker), "samsa-shutdown"));
        log.info("Samsa broker started on {}", describe(broker));
    }

    /** {@code process.roles=controller}: only the quorum and the controller, stopped by the shutdown hook. */
    private static void startController(BrokerConfig config) throws java.io.IOException {
        ControllerNode node = ControllerNode.start(config, Time.SYSTEM);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Samsa controller shutting down");
            node.close();
            log.info("Samsa controller stopped");
            System.err.flush();
            System.out.flush();
            Runtime.getRuntime().halt(0);
        }, "samsa-shutdown"));
        log.info("Samsa controller started on {}", node.address());
        // nothing else keeps the JVM up if the quorum's threads are daemons; the shutdown hook ends it
        Thread keepAlive = new Thread(() -> {
            try {
                new java.util.concurrent.CountDownLatch(1).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "samsa-controller-main");
        keepAlive.start();
    }

    /**
     * Runs in the shutdown hook. Halts with 0 once closed: a JVM ended by SIGTERM otherwise exits
     * with 143 even after a clean shutdown, and an orderly stop is not a failure.
     */
    private static void shutdown(Broker broker) {
        log.info("Samsa broker shutting down");
        broker.close();
        log.info("Samsa broker stopped");
        System.err.flush();
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    private static String describe(Broker broker) {
        return broker.boundAddresses().stream().map(SamsaBroker::hostPort).collect(Collectors.joining(", "));
    }

    private static String hostPort(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
