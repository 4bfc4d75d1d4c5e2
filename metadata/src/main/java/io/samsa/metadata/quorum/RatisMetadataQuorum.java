package io.samsa.metadata.quorum;

import io.samsa.metadata.controller.ControllerConfig;
import io.samsa.metadata.controller.ControllerOperation;
import io.samsa.metadata.controller.MetadataController;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.metadata.image.MetadataListener;
import io.samsa.metadata.records.proto.MetadataRecordBatch;
import io.samsa.metadata.rpc.ControllerRpc;
import io.samsa.metadata.rpc.ControllerRpcHandler;
import io.samsa.metadata.rpc.proto.ControllerRequest;
import io.samsa.metadata.rpc.proto.ControllerResponse;
import io.samsa.metadata.rpc.proto.RpcError;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.types.Uuid;
import io.samsa.protocol.util.Time;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.proto.RaftProtos.ServerRpcProto;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metadata quorum on Apache Ratis: one Raft group of the configured voters, whose log holds
 * {@link MetadataRecordBatch}es applied by {@link MetadataStateMachine}. The Raft leader is the
 * active controller ({@link ActiveController}); its writes go straight into the local Ratis server
 * (no client hop, no retry to another server, which would carry a deposed leader's batch to the
 * next one).
 *
 * <p>The Raft group id is derived from the cluster id, so nodes of different clusters never join
 * one group. Thread-safe.
 */
public final class RatisMetadataQuorum implements MetadataQuorum {
    private static final Logger LOG = LoggerFactory.getLogger(RatisMetadataQuorum.class);
    private final QuorumConfig config;
    private final ControllerConfig controllerConfig;
    private final Time time;
    private final ClientId clientId = ClientId.randomId();
    private final AtomicLong callIds = new AtomicLong();
    private final List<MetadataListener> earlyListeners = new ArrayList<>();
    private volatile String clusterId;
    private volatile RaftGroup group;
    private volatile RaftServer server;
    private volatile MetadataStateMachine stateMachine;
    private volatile ActiveController active;
    private volatile ControllerForwarder forwarder;
    private volatile MetadataLogReader logReader;
    private final java.util.concurrent.ExecutorService logReads = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "samsa-metadata-log-reads");
        thread.setDaemon(true);
        return thread;
    });

    public RatisMetadataQuorum(QuorumConfig config, ControllerConfig controllerConfig, Time time) {
        if (!config.isVoter()) {
            throw new IllegalArgumentException(QuorumConfig.PROCESS_ROLES + "=" + String.join(",", config.roles())
                    + ": a node without the controller role observes the quorum (ObserverMetadataQuorum)");
        }
        this.config = config;
        this.controllerConfig = controllerConfig;
        this.time = time;
    }

    @Override
    public synchronized void start() throws IOException {
        clusterId = MetadataDirectory.loadOrCreateClusterId(config);
        group = raftGroup(config, clusterId);
        active = new ActiveController(config.nodeId(), clusterId, new MetadataController(controllerConfig, Uuid::random),
                () -> stateMachine.image(), this::append, time, config.requestTimeoutMs(), config.fenceCheckIntervalMs(),
                config.maxEntryBytes(), config.electionTimeoutMs());
        stateMachine = new MetadataStateMachine(config.nodeId(), active, time, this::answer);
        earlyListeners.forEach(stateMachine::addListener);
        boolean existing = Files.isDirectory(config.metadataLogDir().resolve("raft")
                .resolve(group.getGroupId().getUuid().toString()));
        server = RaftServer.newBuilder()
                .setServerId(peerId(config.nodeId()))
                .setGroup(group)
                .setStateMachine(stateMachine)
                .setProperties(RatisProperties.of(config, config.self().port()))
                .setOption(existing ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT)
                .build();
        server.start();
        RaftServer.Division division = server.getDivision(group.getGroupId());
        logReader = new MetadataLogReader(stateMachine, division::getRaftLog, logReads);
        forwarder = new ControllerForwarder(config, group, time);
        awaitLocalReplay();
    }

    /**
     * Waits until the state machine has replayed everything this node's log holds as committed:
     * Ratis loads the latest snapshot, recovers the commit index from the log's last metadata
     * entry and replays the tail on its own thread after {@code start} returned, so without this
     * wait a restarted node's first image could lack batches it had committed before the restart.
     */
    private void awaitLocalReplay() throws IOException {
        long startNs = time.nanoseconds();
        long committed = server.getDivision(group.getGroupId()).getRaftLog().getLastCommittedIndex();
        try {
            stateMachine.whenApplied(committed).get(config.replayTimeoutMs(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("node " + config.nodeId() + " did not replay its metadata log up to the committed"
                    + " index " + committed + " within " + QuorumConfig.REPLAY_TIMEOUT_MS + "="
                    + config.replayTimeoutMs() + " ms", e);
        } catch (ExecutionException e) {
            throw new IOException("node " + config.nodeId() + " could not replay its metadata log", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while replaying the metadata log");
        }
        LOG.info("node {} replayed its metadata log up to the committed index {} (image offset {}) in {} ms",
                config.nodeId(), committed, stateMachine.image().offset(), (time.nanoseconds() - startNs) / 1_000_000);
    }

    /** The leader's side of {@link #forward}: runs the forwarded request as a controller operation. */
    private CompletableFuture<byte[]> answer(byte[] bytes) {
        ControllerOperation<ControllerResponse> operation;
        try {
            ControllerRequest request = ControllerRequest.parseFrom(bytes);
            if (request.getRequestCase() == ControllerRequest.RequestCase.FETCH_METADATA) {
                // an observer reading the log: answered from this node's log, not by the controller
                return logReader.fetch(request.getFetchMetadata()).thenApply(fetched -> ControllerResponse.newBuilder()
                        .setLeaderId(leaderId()).setFetchMetadata(fetched).build().toByteArray());
            }
            if (request.getRequestCase() == ControllerRequest.RequestCase.DESCRIBE_QUORUM) {
                // DescribeQuorum forwarded to the Raft leader: only its Ratis server knows every voter's position
                return CompletableFuture.completedFuture(ControllerResponse.newBuilder().setLeaderId(leaderId())
                        .setDescribeQuorum(QuorumStatusRpc.describeQuorumAnswer(status())).build().toByteArray());
            }
            operation = ControllerRpcHandler.operation(request);
        } catch (com.google.protobuf.InvalidProtocolBufferException | IllegalArgumentException e) {
            return CompletableFuture.completedFuture(quorumError(ErrorCode.INVALID_REQUEST,
                    "unreadable controller request: " + e.getMessage(), leaderId()).toByteArray());
        }
        return submit(operation).handle((response, error) -> {
            if (error == null) {
                return response.toByteArray();
            }
            Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            if (cause instanceof MetadataQuorumException e) {
                return quorumError(e.error().error(), e.error().message(), e.leaderId()).toByteArray();
            }
            return quorumError(ErrorCode.UNKNOWN_SERVER_ERROR, String.valueOf(cause), leaderId()).toByteArray();
        });
    }

    private static ControllerResponse quorumError(ErrorCode code, String message, int leaderId) {
        return ControllerResponse.newBuilder().setLeaderId(leaderId)
                .setQuorumError(RpcError.newBuilder().setCode(code.code()).setMessage(message)).build();
    }

    @Override
    public <T> CompletableFuture<T> forward(ControllerRpc<T> rpc, long timeoutMs) {
        ControllerForwarder f = forwarder;
        if (f == null) {
            return CompletableFuture.failedFuture(MetadataQuorumException.notController(config.nodeId(), -1));
        }
        return f.send(rpc, timeoutMs);
    }

    static RaftGroupId groupId(String clusterId) {
        return RaftGroupId.valueOf(UUID.nameUUIDFromBytes(("samsa-metadata:" + clusterId)
                .getBytes(StandardCharsets.UTF_8)));
    }

    /** @return the Raft group of the configured voters for this cluster id (observers address the same group) */
    static RaftGroup raftGroup(QuorumConfig config, String clusterId) {
        return RaftGroup.valueOf(groupId(clusterId), config.voters().stream().map(v -> RaftPeer.newBuilder()
                .setId(peerId(v.id())).setAddress(v.host() + ":" + v.port()).build()).toList());
    }

    private static RaftPeerId peerId(int nodeId) {
        return RaftPeerId.valueOf(Integer.toString(nodeId));
    }

    private CompletableFuture<Boolean> append(MetadataRecordBatch batch) {
        RaftClientRequest request = RaftClientRequest.newBuilder()
                .setClientId(clientId)
                .setServerId(peerId(config.nodeId()))
                .setGroupId(group.getGroupId())
                .setCallId(callIds.incrementAndGet())
                .setMessage(Message.valueOf(UnsafeByteOperations.unsafeWrap(batch.toByteArray())))
                .setType(RaftClientRequest.writeRequestType())
                .build();
        try {
            return server.submitClientRequestAsync(request).thenApply(this::outcome);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private boolean outcome(RaftClientReply reply) {
        if (reply.isSuccess()) {
            byte[] content = reply.getMessage().getContent().toByteArray();
            return content.length == 1 && content[0] == MetadataStateMachine.APPLIED;
        }
        if (reply.getNotLeaderException() != null) {
            RaftPeer suggested = reply.getNotLeaderException().getSuggestedLeader();
            throw MetadataQuorumException.notController(config.nodeId(),
                    suggested == null ? -1 : Integer.parseInt(suggested.getId().toString()));
        }
        throw new MetadataQuorumException(io.samsa.protocol.ErrorCode.NOT_CONTROLLER,
                "the metadata log refused the write: " + reply.getException(), leaderId());
    }

    @Override
    public MetadataImage currentImage() {
        MetadataStateMachine sm = stateMachine;
        return sm == null ? MetadataImage.EMPTY : sm.image();
    }

    @Override
    public synchronized void addListener(MetadataListener listener) {
        if (stateMachine != null) {
            stateMachine.addListener(listener);
        } else {
            earlyListeners.add(listener);
        }
    }

    @Override
    public <T> CompletableFuture<T> submit(ControllerOperation<T> operation) {
        ActiveController controller = active;
        if (controller == null) {
            return CompletableFuture.failedFuture(MetadataQuorumException.notController(config.nodeId(), -1));
        }
        return controller.submit(operation);
    }

    @Override
    public int leaderId() {
        try {
            RaftServer s = server;
            RaftPeerId leader = s == null ? null : s.getDivision(group.getGroupId()).getInfo().getLeaderId();
            return leader == null ? -1 : Integer.parseInt(leader.toString());
        } catch (IOException e) {
            return -1;
        }
    }

    /** @return whether this node is the Raft leader and acts as the active controller */
    public boolean isActiveController() {
        try {
            RaftServer s = server;
            ActiveController controller = active;
            return s != null && controller != null && controller.isActive()
                    && s.getDivision(group.getGroupId()).getInfo().isLeaderReady();
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public QuorumStatus status() {
        RaftServer s = server;
        if (s == null) {
            throw new IllegalStateException("the metadata quorum of node " + config.nodeId() + " is not running");
        }
        try {
            RaftServer.Division division = s.getDivision(group.getGroupId());
            long nowMs = time.milliseconds();
            long commitIndex = division.getRaftLog().getLastCommittedIndex();
            List<QuorumStatus.ReplicaState> voters = new ArrayList<>();
            RoleInfoProto role = division.getInfo().getRoleInfoProto();
            long ownEnd = division.getRaftLog().getLastEntryTermIndex() == null ? -1
                    : division.getRaftLog().getLastEntryTermIndex().getIndex();
            voters.add(new QuorumStatus.ReplicaState(config.nodeId(), ownEnd, nowMs, nowMs));
            if (division.getInfo().isLeader() && role.hasLeaderInfo()) {
                long[] matchIndices = division.getInfo().getFollowerMatchIndices();
                List<ServerRpcProto> followers = role.getLeaderInfo().getFollowerInfoList();
                for (int i = 0; i < followers.size(); i++) {
                    ServerRpcProto follower = followers.get(i);
                    long match = i < matchIndices.length ? matchIndices[i] : -1;
                    long lastRpcMs = nowMs - follower.getLastRpcElapsedTimeMs();
                    voters.add(new QuorumStatus.ReplicaState(
                            Integer.parseInt(follower.getId().getId().toStringUtf8()), match, lastRpcMs,
                            match >= ownEnd ? lastRpcMs : -1));
                }
            }
            return new QuorumStatus(leaderId(), division.getInfo().getCurrentTerm(), commitIndex, voters);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public String clusterId() {
        return clusterId;
    }

    @Override
    public synchronized void close() {
        ControllerForwarder f = forwarder;
        if (f != null) {
            f.close();
        }
        forwarder = null;
        ActiveController controller = active;
        if (controller != null) {
            controller.close();
        }
        RaftServer s = server;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        server = null;
        logReads.shutdownNow();
    }
}
