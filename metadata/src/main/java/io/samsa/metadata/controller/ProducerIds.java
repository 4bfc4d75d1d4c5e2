package io.samsa.metadata.controller;

import io.samsa.metadata.controller.api.ApiError;
import io.samsa.metadata.controller.api.ProducerIdBlock;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.metadata.records.MetadataRecords;
import io.samsa.protocol.ErrorCode;
import java.util.List;

/**
 * AllocateProducerIds: hands the asking broker the next block of producer ids, as one
 * ProducerIdsRecord, so no id is ever given out twice (the record moves the image's next id past
 * the block). Stateless.
 */
final class ProducerIds {
    private ProducerIds() {
    }

    static ControllerResult<ProducerIdBlock> allocate(MetadataImage image, int brokerId, long brokerEpoch, int blockSize) {
        ApiError error = ClusterControl.checkBrokerEpoch(image, brokerId, brokerEpoch);
        if (error.isError()) {
            return ControllerResult.withoutRecords(new ProducerIdBlock(error, -1, 0));
        }
        long first = image.nextProducerId();
        if (first > Long.MAX_VALUE - blockSize) {
            return ControllerResult.withoutRecords(new ProducerIdBlock(ApiError.of(ErrorCode.UNKNOWN_SERVER_ERROR,
                    "Exhausted all producerIds as the next block's end producerId has exceeded the long type limit"),
                    -1, 0));
        }
        return ControllerResult.of(List.of(MetadataRecords.producerIds(brokerId, brokerEpoch, first, blockSize)),
                new ProducerIdBlock(ApiError.NONE, first, blockSize));
    }
}
