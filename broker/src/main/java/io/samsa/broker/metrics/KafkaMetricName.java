package io.samsa.broker.metrics;

import java.util.Map;
import java.util.StringJoiner;

/**
 * Builds a metric's name as Kafka's JMX object name, {@code domain:type=T,name=N[,tag=value...]},
 * with the tags in the order given (Kafka's order: topic; request, version). The string is both
 * the Dropwizard registry key and, unchanged, the MBean's {@link javax.management.ObjectName}.
 *
 * <p>Static helpers only; thread-safe.
 */
public final class KafkaMetricName {
    private KafkaMetricName() {
    }

    /**
     * @param tags ordered (a {@link java.util.LinkedHashMap} or {@code Map.of} of at most one entry);
     *             values must not contain {@code , = : " *} or {@code ?} (topic names cannot)
     */
    public static String of(String domain, String type, String name, Map<String, String> tags) {
        StringJoiner joiner = new StringJoiner(",", domain + ":", "");
        joiner.add("type=" + type).add("name=" + name);
        tags.forEach((key, value) -> joiner.add(key + "=" + value));
        return joiner.toString();
    }

    /** @return {@code domain:type=T,name=N} */
    public static String of(String domain, String type, String name) {
        return of(domain, type, name, Map.of());
    }
}
