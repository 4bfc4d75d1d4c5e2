package io.samsa.broker.metrics;

import com.codahale.metrics.jmx.ObjectNameFactory;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * Gives each MBean the Kafka object name its registry key already is (see {@link KafkaMetricName}),
 * instead of the JmxReporter's default {@code metrics:name=...,type=meters}. A key that is not a
 * valid object name (never one of ours) is quoted under the {@code samsa} domain. Stateless.
 */
final class KafkaObjectNameFactory implements ObjectNameFactory {

    @Override
    public ObjectName createName(String type, String domain, String name) {
        try {
            return new ObjectName(name);
        } catch (MalformedObjectNameException e) {
            try {
                return new ObjectName("samsa", "name", ObjectName.quote(name));
            } catch (MalformedObjectNameException impossible) {
                throw new IllegalArgumentException(name, impossible);
            }
        }
    }
}
