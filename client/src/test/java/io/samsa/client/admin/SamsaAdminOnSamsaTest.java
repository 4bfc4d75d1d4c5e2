package io.samsa.client.admin;

import io.samsa.client.testing.BrokerUnderTest;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * {@link SamsaAdminInteropCases} against the Samsa broker in-process. Overrides below mark the
 * cases that run only on Kafka until the broker gap they name is closed; each keeps its Kafka run.
 */
class SamsaAdminOnSamsaTest extends SamsaAdminInteropCases {
    @Override
    protected BrokerUnderTest startBroker() {
        return BrokerUnderTest.samsa();
    }
}
