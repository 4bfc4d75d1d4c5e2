package io.samsa.client.producer;

import io.samsa.client.testing.BrokerUnderTest;

/** {@link SamsaTransactionsInteropCases} against Apache Kafka 4.1 in a child JVM. */
class SamsaTransactionsOnKafkaTest extends SamsaTransactionsInteropCases {
    @Override
    protected BrokerUnderTest startBroker() {
        return BrokerUnderTest.kafka();
    }
}
