package io.samsa.metadata.quorum;

import java.io.File;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

/**
 * Turns a {@link QuorumConfig} into Ratis's properties: gRPC transport on this voter's port, the
 * storage directory, randomized election timeouts in {@code [t, 2t]}, snapshots every
 * {@code metadata.log.max.snapshot.records} entries with the log purged behind them, and the
 * segment size that is the purge unit. Stateless.
 */
final class RatisProperties {
    /** Snapshots kept on disk: the latest and one before it. */
    private static final int SNAPSHOTS_KEPT = 2;

    private RatisProperties() {
    }

    static RaftProperties of(QuorumConfig config, int port) {
        RaftProperties props = new RaftProperties();
        RaftConfigKeys.Rpc.setType(props, SupportedRpcType.GRPC);
        GrpcConfigKeys.Server.setPort(props, port);
        RaftServerConfigKeys.setStorageDir(props, List.of(new File(config.metadataLogDir().toFile(), "raft")));
        long electionMs = config.electionTimeoutMs();
        RaftServerConfigKeys.Rpc.setTimeoutMin(props, TimeDuration.valueOf(electionMs, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setTimeoutMax(props, TimeDuration.valueOf(2 * electionMs, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMin(props, TimeDuration.valueOf(electionMs / 2,
                TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMax(props, TimeDuration.valueOf(electionMs,
                TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setRequestTimeout(props, TimeDuration.valueOf(config.requestTimeoutMs(),
                TimeUnit.MILLISECONDS));
        // a leader that hears from no majority for an election timeout steps down, so clients of a
        // minority side get NOT_CONTROLLER instead of waiting
        RaftServerConfigKeys.LeaderElection.setLeaderStepDownWaitTime(props, TimeDuration.valueOf(2 * electionMs,
                TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(props, true);
        // as Kafka: no snapshot at shutdown (a stop stays fast; start-up replays the tail after the last one)
        RaftServerConfigKeys.Snapshot.setTriggerWhenStopEnabled(props, false);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(props, config.snapshotThreshold());
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(props, SNAPSHOTS_KEPT);
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(props, true);
        RaftServerConfigKeys.Log.setPurgeGap(props, 1);
        RaftServerConfigKeys.Log.setSegmentSizeMax(props, SizeInBytes.valueOf(config.segmentBytes()));
        // one entry (the largest batch an operation may write) must fit the append buffer, the log's
        // write buffer and a gRPC message, with room for the entry's own framing
        long entryBytes = config.maxEntryBytes();
        RaftServerConfigKeys.Log.Appender.setBufferByteLimit(props, SizeInBytes.valueOf(entryBytes + (1 << 20)));
        RaftServerConfigKeys.Log.setWriteBufferSize(props, SizeInBytes.valueOf(entryBytes + (2 << 20)));
        GrpcConfigKeys.setMessageSizeMax(props, SizeInBytes.valueOf(2 * entryBytes + (1 << 20)));
        RaftServerConfigKeys.Log.setPreallocatedSize(props, SizeInBytes.valueOf(Math.min(config.segmentBytes(),
                4L << 20)));
        // Ratis's default waits 5 s between attempts once a follower has failed 30 times (it was down
        // for a few seconds), so a restarted voter would hear from the leader only seconds later and
        // stay fenced meanwhile: retry a failing follower every tenth of an election timeout instead.
        long retryMs = Math.max(10, config.electionTimeoutMs() / 10);
        RaftServerConfigKeys.Log.Appender.setRetryPolicy(props, "1ms,10, " + retryMs + "ms," + Integer.MAX_VALUE);
        return props;
    }
}
