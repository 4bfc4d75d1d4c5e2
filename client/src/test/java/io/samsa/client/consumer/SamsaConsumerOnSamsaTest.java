package io.samsa.client.consumer;

import io.samsa.client.testing.BrokerUnderTest;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * {@link SamsaConsumerInteropCases} against the Samsa broker in-process. Overrides below mark the
 * cases that run only on Kafka until the broker gap they name is closed; each keeps its Kafka run.
 */
class SamsaConsumerOnSamsaTest extends SamsaConsumerInteropCases {
    @Override
    protected BrokerUnderTest startBroker() {
        return BrokerUnderTest.samsa();
    }

    @Test
    @Disabled("Samsa broker gap: appended batches keep the producer's partitionLeaderEpoch -1 instead of being "
        + "stamped with the leader epoch (0, as Metadata reports), so fetched records have no leaderEpoch()")
    @Override
    void assignAndSeekReadsEveryRecordInOrderForEveryCodec() {
    }

    @Test
    @Disabled("Samsa broker gap (intermittent): two pipelined commitAsync calls (p1 -> 5, then p1 -> 9) both succeed "
        + "in order, yet the group later reads 5; RequestDispatcher hands pipelined requests of one connection to the "
        + "I/O executor concurrently, so the OffsetCommits can reach the coordinator out of order (Kafka processes one "
        + "request per connection at a time)")
    @Override
    void commitsSurviveRestart() {
    }
}
