package io.samsa.client.admin;

import io.samsa.client.testing.BrokerUnderTest;

/** {@link SamsaAdminInteropCases} against Apache Kafka 4.1 in a child JVM. */
class SamsaAdminOnKafkaTest extends SamsaAdminInteropCases {
    @Override
    protected BrokerUnderTest startBroker() {
        return BrokerUnderTest.kafka();
    }
}
