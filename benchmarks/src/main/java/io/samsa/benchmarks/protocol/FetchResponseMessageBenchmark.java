package io.samsa.benchmarks.protocol;

import io.samsa.protocol.message.FetchResponse;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Message;

/**
 * A Fetch response (v12, the highest we advertise) for 100 partitions of one topic, each
 * carrying one batch of 10 records of 100 bytes.
 */
public class FetchResponseMessageBenchmark extends MessageRoundTripBenchmark {
    static final int PARTITIONS = 100;
    static final int RECORDS_PER_PARTITION = 10;

    @Override
    protected Message kafkaMessage() {
        return KafkaMessageInputs.fetchResponse(PARTITIONS, RECORDS_PER_PARTITION);
    }

    @Override
    protected short version() {
        return 12;
    }

    @Override
    protected io.samsa.protocol.types.Message newSamsaMessage() {
        return new FetchResponse();
    }

    @Override
    protected Message kafkaDecode(ByteBufferAccessor in, short version) {
        return new FetchResponseData(in, version);
    }
}
