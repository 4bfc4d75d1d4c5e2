package io.samsa.broker.metrics;

import io.prometheus.client.Collector;
import io.prometheus.client.dropwizard.samplebuilder.DefaultSampleBuilder;
import io.prometheus.client.dropwizard.samplebuilder.SampleBuilder;
import java.util.ArrayList;
import java.util.List;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * Names Prometheus series the way the Prometheus JMX exporter's published Kafka rules name Kafka's
 * beans: {@code kafka.server:type=BrokerTopicMetrics,name=MessagesInPerSec,topic=t} becomes
 * {@code kafka_server_brokertopicmetrics_messagesin_total{topic="t"}} (a meter's count; "PerSec"
 * dropped), a histogram {@code kafka_network_requestmetrics_totaltimems{request="Produce",quantile="0.99"}},
 * a gauge {@code kafka_server_replicamanager_partitioncount}. Every key other than type and name
 * becomes a label. A name that is not an object name falls back to the bridge's default. Stateless.
 */
final class KafkaPrometheusSampleBuilder implements SampleBuilder {
    private static final String RATE_SUFFIX = "PerSec";
    private final SampleBuilder fallback = new DefaultSampleBuilder();

    @Override
    public Collector.MetricFamilySamples.Sample createSample(String dropwizardName, String nameSuffix,
                                                            List<String> additionalLabelNames,
                                                            List<String> additionalLabelValues, double value) {
        ObjectName objectName;
        try {
            objectName = new ObjectName(dropwizardName);
        } catch (MalformedObjectNameException e) {
            return fallback.createSample(dropwizardName, nameSuffix, additionalLabelNames, additionalLabelValues, value);
        }
        String type = objectName.getKeyProperty("type");
        String name = objectName.getKeyProperty("name");
        if (type == null || name == null) {
            return fallback.createSample(dropwizardName, nameSuffix, additionalLabelNames, additionalLabelValues, value);
        }
        String suffix = nameSuffix == null ? "" : nameSuffix;
        if ("_total".equals(suffix) && name.endsWith(RATE_SUFFIX)) {
            name = name.substring(0, name.length() - RATE_SUFFIX.length());
        }
        String metric = Collector.sanitizeMetricName(
                (objectName.getDomain() + "_" + type + "_" + name).replace('.', '_').toLowerCase(java.util.Locale.ROOT)) + suffix;
        List<String> labelNames = new ArrayList<>();
        List<String> labelValues = new ArrayList<>();
        // the object name's own key order (as written), minus type and name
        for (String property : objectName.getKeyPropertyListString().split(",")) {
            int eq = property.indexOf('=');
            String key = property.substring(0, eq);
            if (!key.equals("type") && !key.equals("name")) {
                labelNames.add(Collector.sanitizeMetricName(key));
                labelValues.add(property.substring(eq + 1));
            }
        }
        labelNames.addAll(additionalLabelNames);
        labelValues.addAll(additionalLabelValues);
        return new Collector.MetricFamilySamples.Sample(metric, labelNames, labelValues, value);
    }
}
