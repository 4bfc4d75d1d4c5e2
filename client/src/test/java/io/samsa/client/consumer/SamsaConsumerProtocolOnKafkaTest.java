package io.samsa.client.consumer;

import io.samsa.client.testing.BrokerUnderTest;

/** {@link SamsaConsumerProtocolInteropCases} against Apache Kafka 4.1 in a child JVM. */
class SamsaConsumerProtocolOnKafkaTest extends SamsaConsumerProtocolInteropCases {
    @Override
    protected BrokerUnderTest startBroker() {
        return BrokerUnderTest.kafka(BROKER_CONFIG);
    }
}
