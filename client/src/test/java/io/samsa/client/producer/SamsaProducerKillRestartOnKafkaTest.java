package io.samsa.client.producer;

import io.samsa.client.testing.RestartableBroker;

/** {@link SamsaProducerKillRestartCases} against Apache Kafka 4.1 in a child JVM. */
class SamsaProducerKillRestartOnKafkaTest extends SamsaProducerKillRestartCases {
    @Override
    protected RestartableBroker startBroker() {
        return RestartableBroker.kafka();
    }
}
