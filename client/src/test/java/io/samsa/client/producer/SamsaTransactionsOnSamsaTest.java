package io.samsa.client.producer;

import io.samsa.client.testing.BrokerUnderTest;

/** {@link SamsaTransactionsInteropCases} against the Samsa broker in-process: the same cases as against Kafka 4.1. */
class SamsaTransactionsOnSamsaTest extends SamsaTransactionsInteropCases {
    @Override
    protected BrokerUnderTest startBroker() {
        return BrokerUnderTest.samsa();
    }
}
