package io.samsa.client.producer;

import io.samsa.client.testing.RestartableBroker;

/** {@link SamsaProducerKillRestartCases} against the Samsa broker's main class in a child JVM. */
class SamsaProducerKillRestartOnSamsaTest extends SamsaProducerKillRestartCases {
    @Override
    protected RestartableBroker startBroker() {
        return RestartableBroker.samsa();
    }
}
