package io.samsa.metadata.quorum;

import io.samsa.metadata.image.MetadataDelta;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.metadata.image.MetadataListener;
import io.samsa.protocol.util.Time;
import java.io.File;
import java.io.IOException;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.util.LifeCycle;
import org.apache.ratis.util.MD5FileUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ratis state machine of the metadata log: each committed entry is one
 * {@code MetadataRecordBatch}, replayed into a {@link MetadataDelta} and published as the next
 * {@link MetadataImage}, and listeners are told. A batch whose {@code base_version} is not the
 * image's version is dropped (it was computed against a state that is no longer the truth, see
 * the proto), as is a batch that does not replay; both deterministically, so every replica holds
 * the same image at the same index.
 *
 * <p>Snapshots: {@link #takeSnapshot} writes the image as a {@link SnapshotFile} named by the term
 * and index of the last entry applied; as in Kafka, a snapshot at index N holds every batch up to
 * N. The image's own offset is the index of its last applied batch, which can lie below N: Ratis
 * interleaves entries that are not batches (the term's configuration entry, and a metadata entry
 * recording the commit index each time the leader's commit index moves), and those advance the
 * applied index only. Start-up and {@link #reinitialize} (after Ratis installed a snapshot from the
 * leader) load the latest snapshot and its index, and Ratis replays the log tail after it, on its
 * own thread: {@link #whenApplied} tells when the replay has reached an index. Ratis purges log
 * segments behind a snapshot ({@code raft.server.log.purge.upto.snapshot.index}).
 *
 * <p>Thread-safety: Ratis applies entries, and takes snapshots, on one thread (its state machine
 * updater), so the image and the applied index a snapshot reads belong together; the image is
 * published through a volatile field, so any thread may read {@link #image()}.
 */
final class MetadataStateMachine extends BaseStateMachine {
    private static final Logger LOG = LoggerFactory.getLogger(MetadataStateMachine.class);
    /** The reply to an applied batch. */
    static final byte APPLIED = 1;
    /** The reply to a dropped batch. */
    static final byte REJECTED = 2;

    private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
    private final ImageListeners listeners = new ImageListeners();
    private final LeadershipListener leadership;
    private final int nodeId;
    private final Time time;
    private final java.util.function.Function<byte[], CompletableFuture<byte[]>> queries;
    private final AppliedIndexWaiters appliedWaiters = new AppliedIndexWaiters();
    private volatile MetadataImage image = MetadataImage.EMPTY;

    MetadataStateMachine(int nodeId, LeadershipListener leadership, Time time) {
        this(nodeId, leadership, time, request -> CompletableFuture.failedFuture(
                new UnsupportedOperationException("no controller queries on this state machine")));
    }

    /** @param queries answers a forwarded controller request (Ratis routes read-only requests to the leader) */
    MetadataStateMachine(int nodeId, LeadershipListener leadership, Time time,
                         java.util.function.Function<byte[], CompletableFuture<byte[]>> queries) {
        this.nodeId = nodeId;
        this.time = time;
        this.leadership = leadership;
        this.queries = queries;
    }

    @Override
    public CompletableFuture<Message> query(Message request) {
        return queries.apply(request.getContent().toByteArray()).thenApply(answer -> Message.valueOf(
                org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations.unsafeWrap(answer)));
    }

    MetadataImage image() {
        return image;
    }

    void addListener(MetadataListener listener) {
        listeners.add(listener);
    }

    /**
     * @return a future completed once every log entry up to {@code index} is applied (at once if
     *         it is), failed if the state machine closes first
     */
    CompletableFuture<Void> whenApplied(long index) {
        return appliedWaiters.await(index);
    }

    /** A configuration or metadata entry (not a batch): the applied index moves, the image does not. */
    @Override
    public void notifyTermIndexUpdated(long term, long index) {
        super.notifyTermIndexUpdated(term, index);
        appliedWaiters.advance(index);
    }

    @Override
    public void close() throws IOException {
        appliedWaiters.fail(new IOException("the metadata state machine of node " + nodeId + " closed"));
        super.close();
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        super.initialize(server, groupId, raftStorage);
        storage.init(raftStorage);
        loadLatestSnapshot();
        toRunning();
    }

    /** Ratis pauses the state machine before it installs a snapshot from the leader, then reinitializes it. */
    @Override
    public void pause() {
        if (getLifeCycleState() == LifeCycle.State.RUNNING) {
            getLifeCycle().transition(LifeCycle.State.PAUSING);
            getLifeCycle().transition(LifeCycle.State.PAUSED);
        }
    }

    @Override
    public void reinitialize() throws IOException {
        loadLatestSnapshot();
        toRunning();
    }

    private void toRunning() {
        LifeCycle.State state = getLifeCycleState();
        if (state == LifeCycle.State.NEW || state == LifeCycle.State.PAUSED) {
            getLifeCycle().transition(LifeCycle.State.STARTING);
            getLifeCycle().transition(LifeCycle.State.RUNNING);
        }
    }

    private void loadLatestSnapshot() throws IOException {
        SingleFileSnapshotInfo snapshot = storage.loadLatestSnapshot();
        if (snapshot == null) {
            return;
        }
        File file = snapshot.getFile().getPath().toFile();
        if (snapshot.hasMd5()) {
            MD5FileUtil.verifySavedMD5(file, snapshot.getFile().getFileDigest());
        }
        MetadataImage loaded = SnapshotFile.read(file.toPath());
        MetadataImage previous = image;
        image = loaded;
        setLastAppliedTermIndex(snapshot.getTermIndex());
        appliedWaiters.advance(snapshot.getIndex());
        LOG.info("node {} loaded metadata snapshot {} (offset {}, {} topics, {} brokers)", nodeId, file.getName(),
                loaded.offset(), loaded.topicsById().size(), loaded.brokers().size());
        if (previous != MetadataImage.EMPTY) {
            // an installed snapshot replaces the image wholesale: listeners get the difference
            listeners.publish(loaded, MetadataDelta.between(previous, loaded));
        }
    }

    @Override
    public StateMachineStorage getStateMachineStorage() {
        return storage;
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        long index = entry.getIndex();
        byte outcome = apply(entry.getStateMachineLogEntry().getLogData().asReadOnlyByteBuffer(), index);
        updateLastAppliedTermIndex(entry.getTerm(), index);
        appliedWaiters.advance(index);
        return CompletableFuture.completedFuture(Message.valueOf(
                org.apache.ratis.thirdparty.com.google.protobuf.ByteString.copyFrom(new byte[] {outcome})));
    }

    /** Replays one entry's batch at log index {@code index}. @return {@link #APPLIED} or {@link #REJECTED} */
    byte apply(java.nio.ByteBuffer data, long index) {
        MetadataDelta delta = BatchReplay.replay(image, data, index, nodeId);
        if (delta == null) {
            return REJECTED;
        }
        MetadataImage next = delta.apply(index, 1);
        image = next;
        listeners.publish(next, delta);
        return APPLIED;
    }

    @Override
    public long takeSnapshot() throws IOException {
        MetadataImage snapshotImage = image;
        TermIndex applied = getLastAppliedTermIndex();
        if (applied == null || applied.getIndex() < 0) {
            return RaftLog.INVALID_LOG_INDEX;
        }
        if (snapshotImage.offset() > applied.getIndex()) {
            // cannot happen while Ratis calls this on the applying thread; a snapshot labelled below its
            // content would have the entries after its label replayed onto an image that holds them
            LOG.error("node {} skips a metadata snapshot: the image is at offset {}, beyond the applied index {}",
                    nodeId, snapshotImage.offset(), applied);
            return RaftLog.INVALID_LOG_INDEX;
        }
        File file = storage.getSnapshotFile(applied.getTerm(), applied.getIndex());
        long startNs = time.nanoseconds();
        long bytes = SnapshotFile.write(snapshotImage, file.toPath());
        MD5Hash md5 = MD5FileUtil.computeAndSaveMd5ForFile(file);
        storage.updateLatestSnapshot(new SingleFileSnapshotInfo(new FileInfo(file.toPath(), md5), applied));
        LOG.info("node {} wrote metadata snapshot at {} ({} bytes, {} partitions) in {} ms", nodeId, applied, bytes,
                snapshotImage.partitionCount(), (time.nanoseconds() - startNs) / 1_000_000);
        return applied.getIndex();
    }

    @Override
    public void notifyLeaderReady() {
        getServer().thenAccept(server -> {
            try {
                leadership.onLeaderReady(server.getDivision(getGroupId()).getInfo().getCurrentTerm());
            } catch (IOException e) {
                LOG.error("node {} cannot read its term", nodeId, e);
            }
        });
    }

    @Override
    public void notifyLeaderChanged(RaftGroupMemberId groupMemberId, RaftPeerId newLeaderId) {
        if (newLeaderId == null || !newLeaderId.toString().equals(Integer.toString(nodeId))) {
            leadership.onNotLeader(newLeaderId == null ? -1 : Integer.parseInt(newLeaderId.toString()));
        }
    }

    @Override
    public void notifyNotLeader(Collection<TransactionContext> pendingEntries) {
        leadership.onNotLeader(-1);
    }
}
