package io.samsa.benchmarks.protocol;

import io.samsa.protocol.message.JoinGroupResponse;
import org.apache.kafka.common.message.JoinGroupResponseData;

/** The leader's JoinGroup v9 response listing 20 members with their v3 subscriptions. */
public class JoinGroupResponseMessageBenchmark extends MessageRoundTripBenchmark {
    static final int MEMBERS = 20;

    public JoinGroupResponseMessageBenchmark() {
        super(() -> KafkaMessageInputs.joinGroupResponse(MEMBERS), (short) 9, JoinGroupResponse::new, JoinGroupResponseData::new);
    }
}
