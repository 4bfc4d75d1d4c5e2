package io.samsa.metadata.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.samsa.metadata.controller.api.AlterPartitionRequest;
import io.samsa.metadata.controller.api.AlterPartitionRequest.IsrChange;
import io.samsa.metadata.controller.api.AlterPartitionResponse;
import io.samsa.metadata.controller.api.AlterPartitionResponse.PartitionState;
import io.samsa.metadata.controller.api.CreatableTopic;
import io.samsa.metadata.rpc.ControllerRpc;
import io.samsa.metadata.rpc.ControllerRpcHandler;
import io.samsa.metadata.rpc.ControllerRpcs;
import io.samsa.metadata.rpc.proto.ControllerRequest;
import io.samsa.protocol.ErrorCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * AlterPartition as a forwarded controller RPC: every field survives the protobuf round trip both
 * ways, the handler runs the controller's checks, and top-level errors come back as such.
 */
class AlterPartitionRpcTest {
    private final ControllerTestContext ctx = new ControllerTestContext();

    AlterPartitionRpcTest() {
        for (int id = 1; id <= 3; id++) {
            ctx.startBroker(id);
        }
        ctx.commit(ctx.controller.createTopics(ctx.image, List.of(new CreatableTopic("t", -1, (short) -1,
                Map.of(0, List.of(1, 2, 3)), Map.of())), false));
    }

    private AlterPartitionResponse send(AlterPartitionRequest request) throws Exception {
        ControllerRpc<AlterPartitionResponse> rpc = ControllerRpcs.alterPartition(request);
        ControllerRequest wire = ControllerRequest.parseFrom(rpc.request().toByteArray());
        var answer = ctx.commit(ControllerRpcHandler.operation(wire).run(ctx.controller, ctx.image, ctx.nowMs()));
        return rpc.decode(io.samsa.metadata.rpc.proto.ControllerResponse.parseFrom(answer.toByteArray()));
    }

    @Test
    void aShrinkCommitsAndItsStateComesBackWithEveryField() throws Exception {
        AlterPartitionResponse response = send(new AlterPartitionRequest(1, ctx.epochs.get(1),
                List.of(new IsrChange(ctx.topicId("t"), 0, 0, List.of(1, 3), 0))));
        assertEquals(ErrorCode.NONE, response.error().error());
        PartitionState state = response.partitions().get(0);
        assertEquals(new PartitionState(ctx.topicId("t"), 0, state.error(), 1, 0, List.of(1, 3), 1), state);
        assertEquals(ErrorCode.NONE, state.error().error());
        assertEquals(List.of(1, 3), List.of(ctx.partition("t", 0).isr()[0], ctx.partition("t", 0).isr()[1]));
    }

    @Test
    void partitionAndTopLevelErrorsComeBack() throws Exception {
        AlterPartitionResponse stale = send(new AlterPartitionRequest(1, ctx.epochs.get(1),
                List.of(new IsrChange(ctx.topicId("t"), 0, 0, List.of(1, 2), 5))));
        assertEquals(ErrorCode.NOT_CONTROLLER, stale.partitions().get(0).error().error());
        assertEquals(ErrorCode.NONE, send(new AlterPartitionRequest(1, ctx.epochs.get(1),
                List.of(new IsrChange(ctx.topicId("t"), 0, 0, List.of(1, 2), 0)))).partitions().get(0).error().error());
        AlterPartitionResponse staleVersion = send(new AlterPartitionRequest(1, ctx.epochs.get(1),
                List.of(new IsrChange(ctx.topicId("t"), 0, 0, List.of(1), 0))));
        assertEquals(ErrorCode.INVALID_UPDATE_VERSION, staleVersion.partitions().get(0).error().error());
        assertEquals(List.of(1, 2), staleVersion.partitions().get(0).isr(), "the unchanged state comes back");
        AlterPartitionResponse wrongEpoch = send(new AlterPartitionRequest(1, ctx.epochs.get(1) + 100,
                List.of(new IsrChange(ctx.topicId("t"), 0, 0, List.of(1, 2), 1))));
        assertEquals(ErrorCode.STALE_BROKER_EPOCH, wrongEpoch.error().error());
        assertEquals(List.of(), wrongEpoch.partitions());
    }
}
