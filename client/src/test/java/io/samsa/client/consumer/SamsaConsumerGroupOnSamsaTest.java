package io.samsa.client.consumer;

import io.samsa.client.testing.BrokerUnderTest;
import org.junit.jupiter.api.Disabled;

/** {@link SamsaConsumerGroupInteropCases} against the Samsa broker in-process. */
@Disabled("needs the group coordinator APIs (FindCoordinator, Join/Sync/Heartbeat/Leave, OffsetCommit/Fetch) from branch broker-groups")
class SamsaConsumerGroupOnSamsaTest extends SamsaConsumerGroupInteropCases {
    @Override
    protected BrokerUnderTest startBroker() {
        return BrokerUnderTest.samsa();
    }
}
