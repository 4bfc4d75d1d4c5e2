package io.samsa.benchmarks.protocol;

import io.samsa.protocol.message.JoinGroupRequest;
import org.apache.kafka.common.message.JoinGroupRequestData;

/** A JoinGroup v9 request of a consumer offering two assignors with a v3 subscription each. */
public class JoinGroupRequestMessageBenchmark extends MessageRoundTripBenchmark {
    public JoinGroupRequestMessageBenchmark() {
        super(KafkaMessageInputs::joinGroupRequest, (short) 9, JoinGroupRequest::new, JoinGroupRequestData::new);
    }
}
