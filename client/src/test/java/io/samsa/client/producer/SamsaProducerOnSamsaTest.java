package io.samsa.client.producer;

import io.samsa.client.testing.BrokerUnderTest;

/** {@link SamsaProducerInteropCases} against the Samsa broker in-process: the same cases as against Kafka 4.1. */
class SamsaProducerOnSamsaTest extends SamsaProducerInteropCases {
    @Override
    protected BrokerUnderTest startBroker() {
        return BrokerUnderTest.samsa();
    }
}
