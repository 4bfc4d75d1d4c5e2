package io.samsa.client.consumer;

import io.samsa.client.testing.BrokerUnderTest;

/** {@link SamsaConsumerProtocolInteropCases} against the Samsa broker in-process. */
class SamsaConsumerProtocolOnSamsaTest extends SamsaConsumerProtocolInteropCases {
    @Override
    protected BrokerUnderTest startBroker() {
        return BrokerUnderTest.samsa(BROKER_CONFIG);
    }
}
