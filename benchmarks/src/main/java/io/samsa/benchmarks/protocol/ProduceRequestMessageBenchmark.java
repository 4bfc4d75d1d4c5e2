package io.samsa.benchmarks.protocol;

import io.samsa.protocol.message.ProduceRequest;
import org.apache.kafka.common.message.ProduceRequestData;

/**
 * A Produce request (v11, flexible) carrying 1 MiB of records in one partition. Both decoders
 * keep the records as a slice of the input; both encoders copy them into the output once.
 */
public class ProduceRequestMessageBenchmark extends MessageRoundTripBenchmark {
    static final int RECORD_BYTES = 1 << 20;

    public ProduceRequestMessageBenchmark() {
        super(() -> KafkaMessageInputs.produceRequest(RECORD_BYTES), (short) 11, ProduceRequest::new, ProduceRequestData::new);
    }
}
