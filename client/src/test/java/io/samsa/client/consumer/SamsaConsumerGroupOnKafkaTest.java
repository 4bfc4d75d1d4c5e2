package io.samsa.client.consumer;

import io.samsa.client.testing.BrokerUnderTest;

/** {@link SamsaConsumerGroupInteropCases} against Apache Kafka 4.1 in a child JVM. */
class SamsaConsumerGroupOnKafkaTest extends SamsaConsumerGroupInteropCases {
    @Override
    protected BrokerUnderTest startBroker() {
        return BrokerUnderTest.kafka();
    }
}
