package io.samsa.client.common;

/**
 * One client metric as returned by {@code metrics()}: its name and its current value (usually a
 * Double). Implementations say whether reading the value is thread-safe; the engines' metrics are.
 */
public interface Metric {
    MetricName metricName();

    /** The current value: a Double for measured values, other types for informational metrics. */
    Object metricValue();
}
