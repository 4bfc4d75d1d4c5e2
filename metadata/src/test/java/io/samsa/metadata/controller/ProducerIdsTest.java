package io.samsa.metadata.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.samsa.metadata.controller.api.ProducerIdBlock;
import io.samsa.protocol.ErrorCode;
import org.junit.jupiter.api.Test;

class ProducerIdsTest {

    @Test
    void blocksFollowEachOtherAndNeedTheCurrentBrokerEpoch() {
        ControllerTestContext ctx = new ControllerTestContext();
        long epoch = ctx.startBroker(1);
        ProducerIdBlock first = ctx.commit(ctx.controller.allocateProducerIds(ctx.image, 1, epoch));
        ProducerIdBlock second = ctx.commit(ctx.controller.allocateProducerIds(ctx.image, 1, epoch));
        assertEquals(0, first.firstProducerId());
        assertEquals(ControllerConfig.PRODUCER_ID_BLOCK_SIZE_DEFAULT, first.size());
        assertEquals(first.firstProducerId() + first.size(), second.firstProducerId());
        assertEquals(2L * ControllerConfig.PRODUCER_ID_BLOCK_SIZE_DEFAULT, ctx.image.nextProducerId());

        ProducerIdBlock stale = ctx.commit(ctx.controller.allocateProducerIds(ctx.image, 1, epoch + 5));
        assertEquals(ErrorCode.STALE_BROKER_EPOCH, stale.error().error());
    }
}
