package io.samsa.broker.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.jmx.JmxReporter;
import io.samsa.broker.api.ApiSpec;
import java.util.Set;
import java.util.TreeSet;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** The MBeans come out under Kafka's exact object names, with the Yammer-shaped attributes dashboards read. */
class KafkaMetricNamesTest {

    @Test
    void brokerTopicAndRequestMetricsHaveKafkasObjectNames() throws Exception {
        MetricRegistry registry = new MetricRegistry();
        BrokerTopicMetrics topics = new BrokerTopicMetrics(registry);
        topics.produced("orders", 3, 120);
        topics.fetched("orders", 50);
        new RequestMetrics(registry, ApiSpec.of(0, "Produce", 3, 11, 9)).started((short) 9, 2_000_000);
        MBeanServer server = MBeanServerFactory.newMBeanServer();
        JmxReporter reporter = JmxReporter.forRegistry(registry).registerWith(server)
                .createsObjectNamesWith(new KafkaObjectNameFactory()).build();
        reporter.start();
        try {
            Set<String> names = new TreeSet<>();
            server.queryNames(new ObjectName("kafka.*:*"), null).forEach(n -> names.add(n.toString()));
            for (String expected : new String[] {
                "kafka.server:type=BrokerTopicMetrics,name=MessagesInPerSec",
                "kafka.server:type=BrokerTopicMetrics,name=MessagesInPerSec,topic=orders",
                "kafka.server:type=BrokerTopicMetrics,name=BytesInPerSec,topic=orders",
                "kafka.server:type=BrokerTopicMetrics,name=BytesOutPerSec,topic=orders",
                "kafka.server:type=BrokerTopicMetrics,name=TotalProduceRequestsPerSec",
                "kafka.server:type=BrokerTopicMetrics,name=FailedProduceRequestsPerSec,topic=orders",
                "kafka.server:type=BrokerTopicMetrics,name=TotalFetchRequestsPerSec,topic=orders",
                "kafka.server:type=BrokerTopicMetrics,name=FailedFetchRequestsPerSec",
                "kafka.network:type=RequestMetrics,name=RequestsPerSec,request=Produce,version=9",
                "kafka.network:type=RequestMetrics,name=TotalTimeMs,request=Produce",
                "kafka.network:type=RequestMetrics,name=RequestQueueTimeMs,request=Produce"}) {
                assertTrue(names.contains(expected), expected + " not in " + names);
            }
            ObjectName messagesIn = new ObjectName("kafka.server:type=BrokerTopicMetrics,name=MessagesInPerSec,topic=orders");
            assertEquals(3L, server.getAttribute(messagesIn, "Count"));
            // Dropwizard's meter bean has no EventType attribute (Yammer's did); its RateUnit reads "events/second"
            assertEquals("events/second", server.getAttribute(messagesIn, "RateUnit"));
            for (String attribute : new String[] {"MeanRate", "OneMinuteRate", "FiveMinuteRate", "FifteenMinuteRate"}) {
                assertTrue(server.getAttribute(messagesIn, attribute) instanceof Double, attribute);
            }
            ObjectName queue = new ObjectName("kafka.network:type=RequestMetrics,name=RequestQueueTimeMs,request=Produce");
            assertEquals(1L, server.getAttribute(queue, "Count"));
            assertEquals(2L, server.getAttribute(queue, "Max"));
            for (String attribute : new String[] {"Min", "Mean", "StdDev", "50thPercentile", "75thPercentile", "95thPercentile",
                "98thPercentile", "99thPercentile", "999thPercentile"}) {
                server.getAttribute(queue, attribute); // present: throws AttributeNotFoundException otherwise
            }
        } finally {
            reporter.close();
        }
        assertEquals(0, server.queryNames(new ObjectName("kafka.*:*"), null).size(), "close unregisters every bean");
    }

    @Test
    void prometheusSeriesFollowTheJmxExporterKafkaRules() {
        KafkaPrometheusSampleBuilder builder = new KafkaPrometheusSampleBuilder();
        var meter = builder.createSample("kafka.server:type=BrokerTopicMetrics,name=MessagesInPerSec,topic=orders", "_total",
                java.util.List.of(), java.util.List.of(), 3);
        assertEquals("kafka_server_brokertopicmetrics_messagesin_total", meter.name);
        assertEquals(java.util.List.of("topic"), meter.labelNames);
        assertEquals(java.util.List.of("orders"), meter.labelValues);
        var quantile = builder.createSample("kafka.network:type=RequestMetrics,name=TotalTimeMs,request=Produce", "",
                java.util.List.of("quantile"), java.util.List.of("0.99"), 4);
        assertEquals("kafka_network_requestmetrics_totaltimems", quantile.name);
        assertEquals(java.util.List.of("request", "quantile"), quantile.labelNames);
        assertEquals(java.util.List.of("Produce", "0.99"), quantile.labelValues);
        assertEquals("kafka_server_replicamanager_partitioncount", builder.createSample(
                "kafka.server:type=ReplicaManager,name=PartitionCount", "", java.util.List.of(), java.util.List.of(), 1).name);
    }

    @Test
    void requestMetricsTimeOnTheInjectedClock() {
        MetricRegistry registry = new MetricRegistry();
        io.samsa.protocol.util.ManualTime time = new io.samsa.protocol.util.ManualTime(0);
        RequestMetrics metrics = new RequestMetrics(registry, ApiSpec.of(1, "Fetch", 4, 12, 12));
        java.util.concurrent.CompletableFuture<io.samsa.broker.api.ResponseSend> answer = new java.util.concurrent.CompletableFuture<>();
        io.samsa.broker.api.ApiHandler slow = new io.samsa.broker.api.ApiHandler() {
            @Override
            public ApiSpec spec() {
                return ApiSpec.of(1, "Fetch", 4, 12, 12);
            }

            @Override
            public java.util.concurrent.CompletableFuture<io.samsa.broker.api.ResponseSend> handle(
                    io.samsa.broker.api.RequestContext context, io.netty.buffer.ByteBuf body) {
                return answer;
            }
        };
        MeteredApiHandler metered = new MeteredApiHandler(slow, metrics, time);
        long receivedNs = time.nanoseconds();
        time.advance(3); // 3 ms in the queue
        metered.handle(new io.samsa.broker.api.RequestContext(
                new io.samsa.protocol.header.RequestHeader((short) 1, (short) 12, 7, "c"), null, "PLAINTEXT", receivedNs), null);
        time.advance(40); // a long poll
        assertEquals(0, registry.histogram("kafka.network:type=RequestMetrics,name=TotalTimeMs,request=Fetch").getCount());
        answer.complete(io.samsa.broker.api.ResponseSend.none());

        assertEquals(1, registry.meter("kafka.network:type=RequestMetrics,name=RequestsPerSec,request=Fetch,version=12").getCount());
        assertEquals(3, registry.histogram("kafka.network:type=RequestMetrics,name=RequestQueueTimeMs,request=Fetch")
                .getSnapshot().getMax());
        assertEquals(43, registry.histogram("kafka.network:type=RequestMetrics,name=TotalTimeMs,request=Fetch")
                .getSnapshot().getMax());
    }
}
