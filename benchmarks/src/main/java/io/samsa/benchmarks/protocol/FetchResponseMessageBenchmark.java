package io.samsa.benchmarks.protocol;

import io.samsa.protocol.message.FetchResponse;
import org.apache.kafka.common.message.FetchResponseData;

/**
 * A Fetch response (v12, the highest we advertise) for 100 partitions of one topic, each
 * carrying one batch of 10 records of 100 bytes.
 */
public class FetchResponseMessageBenchmark extends MessageRoundTripBenchmark {
    static final int PARTITIONS = 100;
    static final int RECORDS_PER_PARTITION = 10;

    public FetchResponseMessageBenchmark() {
        super(() -> KafkaMessageInputs.fetchResponse(PARTITIONS, RECORDS_PER_PARTITION), (short) 12,
            FetchResponse::new, FetchResponseData::new);
    }
}
