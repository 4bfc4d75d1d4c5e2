package io.samsa.metadata.quorum;

import io.samsa.metadata.controller.ControllerOperation;
import io.samsa.metadata.image.ImageRecords;
import io.samsa.metadata.image.MetadataDelta;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.metadata.image.MetadataListener;
import io.samsa.metadata.rpc.ControllerRpc;
import io.samsa.metadata.rpc.proto.ControllerRequest;
import io.samsa.metadata.rpc.proto.ControllerResponse;
import io.samsa.metadata.rpc.proto.FetchMetadataRpcRequest;
import io.samsa.metadata.rpc.proto.FetchMetadataRpcResponse;
import io.samsa.metadata.rpc.proto.MetadataEntryRpc;
import io.samsa.metadata.rpc.proto.MetadataImageRpc;
import io.samsa.protocol.util.Time;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metadata quorum as a node without the controller role sees it ({@code process.roles=broker}):
 * not a voter, it reads the committed metadata log from the Raft leader, as Kafka's brokers fetch
 * {@code __cluster_metadata} from the controllers. One fetch at a time, each held by the leader
 * until something new is applied there ({@link MetadataLogReader}); the entries replay exactly as
 * on a voter ({@link BatchReplay}), and when this node is behind the leader's log start it gets
 * the leader's image instead. Controller operations are forwarded as from any node. Nothing is
 * kept on disk: a start reads the image from the leader, and {@link #start} returns once this
 * node has caught up with the commit index the leader first reported (bounded by
 * {@code metadata.log.replay.timeout.ms}).
 *
 * <p>Thread-safety: fetch answers are applied on one thread; the image is published through a
 * volatile field.
 */
public final class ObserverMetadataQuorum implements MetadataQuorum {
    private static final Logger LOG = LoggerFactory.getLogger(ObserverMetadataQuorum.class);
    /** How long the leader holds a fetch while nothing new is committed. */
    static final long FETCH_WAIT_MS = 500;

    private final QuorumConfig config;
    private final Time time;
    private final ImageListeners listeners = new ImageListeners();
    private final AppliedIndexWaiters applied = new AppliedIndexWaiters();
    private final CompletableFuture<Long> firstCommitIndex = new CompletableFuture<>();
    private volatile MetadataImage image = MetadataImage.EMPTY;
    private volatile long appliedIndex = -1;
    private volatile long committedIndex = -1;
    private volatile int leaderId = -1;
    private volatile boolean closed;
    private volatile String clusterId;
    private volatile ControllerForwarder forwarder;
    private volatile ScheduledExecutorService fetcher;
    private boolean failing; // fetcher thread only

    public ObserverMetadataQuorum(QuorumConfig config, Time time) {
        if (config.isVoter()) {
            throw new IllegalArgumentException("node " + config.nodeId() + " is a voter: it runs RatisMetadataQuorum");
        }
        this.config = config;
        this.time = time;
    }

    @Override
    public synchronized void start() throws IOException {
        clusterId = MetadataDirectory.loadOrCreateClusterId(config);
        forwarder = new ControllerForwarder(config, RatisMetadataQuorum.raftGroup(config, clusterId), time);
        fetcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "samsa-metadata-observer-" + config.nodeId());
            thread.setDaemon(true);
            return thread;
        });
        long startNs = time.nanoseconds();
        fetcher.execute(this::fetch);
        long target;
        try {
            target = firstCommitIndex.get(config.replayTimeoutMs(), TimeUnit.MILLISECONDS);
            applied.await(target).get(Math.max(1, config.replayTimeoutMs() - (time.nanoseconds() - startNs) / 1_000_000),
                    TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("node " + config.nodeId() + " could not read the metadata log from the controllers "
                    + config.voters() + " within " + QuorumConfig.REPLAY_TIMEOUT_MS + "=" + config.replayTimeoutMs()
                    + " ms", e);
        } catch (ExecutionException e) {
            throw new IOException("node " + config.nodeId() + " could not read the metadata log", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while reading the metadata log");
        }
        LOG.info("node {} (observer) caught up with the metadata log at index {} (image offset {}) in {} ms",
                config.nodeId(), appliedIndex, image.offset(), (time.nanoseconds() - startNs) / 1_000_000);
    }

    private void fetch() {
        ControllerForwarder f = forwarder;
        if (closed || f == null) {
            return;
        }
        ControllerRequest request = ControllerRequest.newBuilder().setFetchMetadata(FetchMetadataRpcRequest.newBuilder()
                .setAfterIndex(appliedIndex).setMaxBytes(config.maxEntryBytes()).setMaxWaitMs(FETCH_WAIT_MS)).build();
        f.send(new ControllerRpc<>(request, response -> response), config.requestTimeoutMs() + FETCH_WAIT_MS)
                .whenComplete((response, error) -> onThread(() -> onFetched(response, error)));
    }

    private void onThread(Runnable step) {
        try {
            fetcher.execute(step);
        } catch (RejectedExecutionException e) {
            LOG.debug("node {}: the metadata observer stopped", config.nodeId());
        }
    }

    private void onFetched(ControllerResponse response, Throwable error) {
        if (closed) {
            return;
        }
        if (error != null) {
            if (!failing) {
                LOG.info("node {} cannot read the metadata log yet ({}); asking again every {} ms", config.nodeId(),
                        error.getMessage(), config.retryBackoffMs());
                failing = true;
            }
            fetcher.schedule(this::fetch, config.retryBackoffMs(), TimeUnit.MILLISECONDS);
            return;
        }
        failing = false;
        leaderId = response.getLeaderId();
        FetchMetadataRpcResponse fetched = response.getFetchMetadata();
        try {
            if (fetched.hasImage()) {
                install(fetched.getImage());
            }
            for (MetadataEntryRpc entry : fetched.getEntriesList()) {
                apply(entry);
            }
        } catch (RuntimeException e) {
            LOG.error("node {} could not apply the metadata it read; reading it again", config.nodeId(), e);
            fetcher.schedule(this::fetch, config.retryBackoffMs(), TimeUnit.MILLISECONDS);
            return;
        }
        committedIndex = Math.max(committedIndex, fetched.getCommittedIndex());
        firstCommitIndex.complete(fetched.getCommittedIndex());
        fetch();
    }

    private void install(MetadataImageRpc snapshot) {
        MetadataImage loaded = ImageRecords.read(snapshot.getRecordsList(), snapshot.getOffset(), snapshot.getVersion(),
                snapshot.getLastBrokerEpoch());
        MetadataImage previous = image;
        image = loaded;
        appliedIndex = snapshot.getAppliedIndex();
        LOG.info("node {} took the leader's metadata image (offset {}, {} topics, {} brokers)", config.nodeId(),
                loaded.offset(), loaded.topicsById().size(), loaded.brokers().size());
        listeners.publish(loaded, MetadataDelta.between(previous, loaded));
        applied.advance(appliedIndex);
    }

    private void apply(MetadataEntryRpc entry) {
        long index = entry.getIndex();
        if (index <= appliedIndex) {
            return;
        }
        if (entry.getIsBatch()) {
            MetadataDelta delta = BatchReplay.replay(image, entry.getBatch().asReadOnlyByteBuffer(), index,
                    config.nodeId());
            if (delta != null) {
                MetadataImage next = delta.apply(index, 1);
                image = next;
                listeners.publish(next, delta);
            }
        }
        appliedIndex = index;
        applied.advance(index);
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
        return CompletableFuture.failedFuture(MetadataQuorumException.notController(config.nodeId(), leaderId));
    }

    @Override
    public <T> CompletableFuture<T> forward(ControllerRpc<T> rpc, long timeoutMs) {
        ControllerForwarder f = forwarder;
        if (f == null) {
            return CompletableFuture.failedFuture(MetadataQuorumException.notController(config.nodeId(), -1));
        }
        return f.send(rpc, timeoutMs);
    }

    @Override
    public int leaderId() {
        return leaderId;
    }

    /** An observer knows the leader and the commit index it last read, not the voters' positions. */
    @Override
    public QuorumStatus status() {
        return new QuorumStatus(leaderId, -1, committedIndex, config.voters().stream()
                .map(v -> new QuorumStatus.ReplicaState(v.id(), -1, -1, -1)).toList());
    }

    @Override
    public String clusterId() {
        return clusterId;
    }

    @Override
    public synchronized void close() {
        closed = true;
        ScheduledExecutorService f = fetcher;
        if (f != null) {
            f.shutdownNow();
        }
        ControllerForwarder forwarding = forwarder;
        if (forwarding != null) {
            forwarding.close();
        }
        forwarder = null;
        applied.fail(new IOException("the metadata observer of node " + config.nodeId() + " closed"));
        firstCommitIndex.completeExceptionally(new IOException("closed"));
    }
}
