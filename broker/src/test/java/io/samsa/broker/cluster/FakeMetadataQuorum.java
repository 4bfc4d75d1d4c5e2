package io.samsa.broker.cluster;

import io.samsa.broker.testing.StubMetadataQuorum;
import io.samsa.metadata.controller.api.AlterPartitionRequest;
import io.samsa.metadata.controller.api.AlterPartitionResponse;
import io.samsa.metadata.image.MetadataDelta;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.metadata.records.Uuids;
import io.samsa.metadata.rpc.ControllerRpc;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A metadata quorum the test drives: it sets the image (telling listeners, or not), and each
 * forwarded AlterPartition waits in {@link #sent} for the test to complete its answer.
 */
final class FakeMetadataQuorum extends StubMetadataQuorum {
    /** A forwarded AlterPartition and its answer, completed by the test. */
    record Sent(AlterPartitionRequest request, CompletableFuture<AlterPartitionResponse> answer) {
    }

    final BlockingQueue<Sent> sent = new LinkedBlockingQueue<>();

    /** Replaces the image without telling listeners (as images applied before one registered). */
    void image(MetadataImage next) {
        image = next;
    }

    /** Publishes {@code next} to the listeners with {@code delta}. */
    void publish(MetadataDelta delta, MetadataImage next) {
        apply(delta, next);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<T> forward(ControllerRpc<T> rpc, long timeoutMs) {
        var wire = rpc.request().getAlterPartition();
        AlterPartitionRequest decoded = new AlterPartitionRequest(wire.getBrokerId(), wire.getBrokerEpoch(),
                wire.getPartitionsList().stream().map(p -> new AlterPartitionRequest.IsrChange(
                        Uuids.fromProto(p.getTopicId()), p.getPartition(), p.getLeaderEpoch(),
                        List.copyOf(p.getNewIsrList()), p.getPartitionEpoch())).toList());
        CompletableFuture<AlterPartitionResponse> answer = new CompletableFuture<>();
        sent.add(new Sent(decoded, answer));
        return (CompletableFuture<T>) answer;
    }
}
