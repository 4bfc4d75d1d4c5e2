package io.samsa.broker.metrics;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.jmx.JmxReporter;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.dropwizard.DropwizardExports;
import io.prometheus.client.exporter.HTTPServer;
import io.prometheus.client.hotspot.DefaultExports;
import io.samsa.broker.config.BrokerConfig;
import io.samsa.broker.config.BrokerConfigKeys;
import io.samsa.broker.lifecycle.BrokerComponent;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the broker's metric registry and its reporters: the JMX reporter (Kafka's object names on
 * the platform MBean server, {@code samsa.metrics.jmx.enable}) and, when {@code samsa.http.listener}
 * is set, an HTTP admin listener answering {@code GET /metrics} in Prometheus text format (the
 * registry through the Prometheus client's Dropwizard bridge, plus its JVM collectors).
 *
 * <p>The HTTP listener is the Prometheus client's own server (the JDK's {@code HttpServer} on a
 * small daemon pool): a scrape every few seconds needs none of Netty's machinery and stays off the
 * brokers' event loops. The registry is usable before {@link #start()}; start and close from one thread.
 */
public final class MetricsComponent implements BrokerComponent {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsComponent.class);

    private final MetricRegistry registry = new MetricRegistry();
    private final boolean jmxEnabled;
    private final String httpListener;
    private JmxReporter jmx;
    private HTTPServer http;

    public MetricsComponent(BrokerConfig config) {
        this.jmxEnabled = config.get(BrokerConfigKeys.METRICS_JMX_ENABLE);
        this.httpListener = config.get(BrokerConfigKeys.HTTP_LISTENER);
    }

    /** @return the registry every broker metric is registered in */
    public MetricRegistry registry() {
        return registry;
    }

    @Override
    public String name() {
        return "metrics";
    }

    @Override
    public void start() throws IOException {
        if (jmxEnabled) {
            jmx = JmxReporter.forRegistry(registry).registerWith(ManagementFactory.getPlatformMBeanServer())
                    .createsObjectNamesWith(new KafkaObjectNameFactory()).build();
            jmx.start();
        }
        if (httpListener != null) {
            try {
                InetSocketAddress address = HttpListenerAddress.parse(httpListener);
                CollectorRegistry collectors = new CollectorRegistry(true);
                collectors.register(new DropwizardExports(registry, new KafkaPrometheusSampleBuilder()));
                DefaultExports.register(collectors);
                http = new HTTPServer(address, collectors, true);
                LOG.info("Prometheus metrics at http://{}:{}/metrics", address.getHostString(), http.getPort());
            } catch (IOException | RuntimeException e) {
                closeJmx();
                throw e;
            }
        }
    }

    /** @return the HTTP admin listener's bound port, empty when it is off or not started */
    public OptionalInt httpPort() {
        HTTPServer server = http;
        return server == null ? OptionalInt.empty() : OptionalInt.of(server.getPort());
    }

    @Override
    public void close() {
        if (http != null) {
            http.close();
            http = null;
        }
        closeJmx();
    }

    private void closeJmx() {
        if (jmx != null) {
            jmx.close(); // unregisters every bean
            jmx = null;
        }
    }
}
