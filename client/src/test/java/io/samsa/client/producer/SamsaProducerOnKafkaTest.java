package io.samsa.client.producer;

import io.samsa.client.testing.BrokerUnderTest;

/** {@link SamsaProducerInteropCases} against Apache Kafka 4.1 in a child JVM. */
class SamsaProducerOnKafkaTest extends SamsaProducerInteropCases {
    @Override
    protected BrokerUnderTest startBroker() {
        return BrokerUnderTest.kafka();
    }
}
