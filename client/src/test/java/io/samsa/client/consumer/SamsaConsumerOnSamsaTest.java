package io.samsa.client.consumer;

import io.samsa.client.testing.BrokerUnderTest;

/** {@link SamsaConsumerInteropCases} against the Samsa broker in-process: the same cases as against Kafka 4.1. */
class SamsaConsumerOnSamsaTest extends SamsaConsumerInteropCases {
    @Override
    protected BrokerUnderTest startBroker() {
        return BrokerUnderTest.samsa();
    }
}
