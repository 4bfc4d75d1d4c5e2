package io.samsa.broker.metadata;

import java.util.List;

/**
 * Port from the broker config for DescribeConfigs on a broker resource: every broker-level key
 * with its value and source, sensitive ones marked. Implemented over {@code BrokerConfig}.
 *
 * <p>Implementations must be thread-safe.
 */
public interface BrokerConfigView {

    /** @return every broker config, sorted by name */
    List<ConfigValue> brokerConfigs();
}
