package io.samsa.benchmarks.protocol;

import io.samsa.protocol.message.JoinGroupResponse;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Message;

/** The leader's JoinGroup v9 response listing 20 members with their v3 subscriptions. */
public class JoinGroupResponseMessageBenchmark extends MessageRoundTripBenchmark {
    static final int MEMBERS = 20;

    @Override
    protected Message kafkaMessage() {
        return KafkaMessageInputs.joinGroupResponse(MEMBERS);
    }

    @Override
    protected short version() {
        return 9;
    }

    @Override
    protected io.samsa.protocol.types.Message newSamsaMessage() {
        return new JoinGroupResponse();
    }

    @Override
    protected Message kafkaDecode(ByteBufferAccessor in, short version) {
        return new JoinGroupResponseData(in, version);
    }
}
