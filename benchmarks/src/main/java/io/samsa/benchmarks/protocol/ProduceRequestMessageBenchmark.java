package io.samsa.benchmarks.protocol;

import io.samsa.protocol.message.ProduceRequest;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Message;

/**
 * A Produce request (v11, flexible) carrying 1 MiB of records in one partition. Both decoders
 * keep the records as a slice of the input; both encoders copy them into the output once.
 */
public class ProduceRequestMessageBenchmark extends MessageRoundTripBenchmark {
    static final int RECORD_BYTES = 1 << 20;

    @Override
    protected Message kafkaMessage() {
        return KafkaMessageInputs.produceRequest(RECORD_BYTES);
    }

    @Override
    protected short version() {
        return 11;
    }

    @Override
    protected io.samsa.protocol.types.Message newSamsaMessage() {
        return new ProduceRequest();
    }

    @Override
    protected Message kafkaDecode(ByteBufferAccessor in, short version) {
        return new ProduceRequestData(in, version);
    }
}
