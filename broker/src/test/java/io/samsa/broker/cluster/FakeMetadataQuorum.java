package io.samsa.broker.cluster;

import io.samsa.metadata.controller.ControllerOperation;
import io.samsa.metadata.controller.api.AlterPartitionRequest;
import io.samsa.metadata.controller.api.AlterPartitionResponse;
import io.samsa.metadata.image.MetadataDelta;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.metadata.image.MetadataListener;
import io.samsa.metadata.quorum.MetadataQuorum;
import io.samsa.metadata.quorum.QuorumStatus;
import io.samsa.metadata.records.Uuids;
import io.samsa.metadata.rpc.ControllerRpc;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A metadata quorum the test drives: it sets the image (telling listeners, or not), and each
 * forwarded AlterPartition waits in {@link #sent} for the test to complete its answer.
 */
final class FakeMetadataQuorum implements MetadataQuorum {
    /** A forwarded AlterPartition and its answer, completed by the test. */
    record Sent(AlterPartitionRequest request, CompletableFuture<AlterPartitionResponse> answer) {
    }

    final BlockingQueue<Sent> sent = new LinkedBlockingQueue<>();
    private final List<MetadataListener> listeners = new CopyOnWriteArrayList<>();
    private volatile MetadataImage image = MetadataImage.EMPTY;

    /** Replaces the image without telling listeners (as images applied before one registered). */
    void image(MetadataImage next) {
        image = next;
    }

    /** Publishes {@code next} to the listeners with {@code delta}. */
    void publish(MetadataDelta delta, MetadataImage next) {
        image = next;
        listeners.forEach(listener -> listener.onMetadataUpdate(delta, next));
    }

    @Override
    public void start() {
    }

    @Override
    public MetadataImage currentImage() {
        return image;
    }

    @Override
    public void addListener(MetadataListener listener) {
        listeners.add(listener);
    }

    @Override
    public <T> CompletableFuture<T> submit(ControllerOperation<T> operation) {
        throw new UnsupportedOperationException("not a controller");
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

    @Override
    public int leaderId() {
        return 1;
    }

    @Override
    public QuorumStatus status() {
        throw new UnsupportedOperationException("no quorum");
    }

    @Override
    public String clusterId() {
        return "cluster";
    }

    @Override
    public void close() {
    }
}
