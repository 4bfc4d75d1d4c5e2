package io.samsa.client.consumer;

import io.samsa.client.testing.BrokerUnderTest;

/** {@link SamsaConsumerInteropCases} against Apache Kafka 4.1 in a child JVM. */
class SamsaConsumerOnKafkaTest extends SamsaConsumerInteropCases {
    @Override
    protected BrokerUnderTest startBroker() {
        return BrokerUnderTest.kafka();
    }
}
