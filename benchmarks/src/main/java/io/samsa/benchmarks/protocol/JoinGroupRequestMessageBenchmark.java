package io.samsa.benchmarks.protocol;

import io.samsa.protocol.message.JoinGroupRequest;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Message;

/** A JoinGroup v9 request of a consumer offering two assignors with a v3 subscription each. */
public class JoinGroupRequestMessageBenchmark extends MessageRoundTripBenchmark {
    @Override
    protected Message kafkaMessage() {
        return KafkaMessageInputs.joinGroupRequest();
    }

    @Override
    protected short version() {
        return 9;
    }

    @Override
    protected io.samsa.protocol.types.Message newSamsaMessage() {
        return new JoinGroupRequest();
    }

    @Override
    protected Message kafkaDecode(ByteBufferAccessor in, short version) {
        return new JoinGroupRequestData(in, version);
    }
}
