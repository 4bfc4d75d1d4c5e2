package io.samsa.metadata.quorum;

import com.google.protobuf.ByteString;
import io.samsa.metadata.image.ImageRecords;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.metadata.rpc.proto.FetchMetadataRpcRequest;
import io.samsa.metadata.rpc.proto.FetchMetadataRpcResponse;
import io.samsa.metadata.rpc.proto.MetadataEntryRpc;
import io.samsa.metadata.rpc.proto.MetadataImageRpc;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.raftlog.RaftLogIOException;

/**
 * A voter's side of an observer's FetchMetadata: the committed and applied entries after the
 * observer's index from this node's Raft log, at most {@code max_bytes} of them (always at least
 * one), or this node's image when the observer is behind the log start (the log behind a snapshot
 * is purged). While nothing new is applied the answer waits up to {@code max_wait_ms} (capped),
 * without holding a thread. Thread-safe; reads run on {@code executor}.
 */
final class MetadataLogReader {
    /** The longest a fetch is held, whatever the observer asks. */
    static final long MAX_WAIT_CAP_MS = 5_000;

    private final MetadataStateMachine stateMachine;
    private final Supplier<RaftLog> raftLog;
    private final Executor executor;

    MetadataLogReader(MetadataStateMachine stateMachine, Supplier<RaftLog> raftLog, Executor executor) {
        this.stateMachine = stateMachine;
        this.raftLog = raftLog;
        this.executor = executor;
    }

    CompletableFuture<FetchMetadataRpcResponse> fetch(FetchMetadataRpcRequest request) {
        long after = request.getAfterIndex();
        long waitMs = Math.min(Math.max(0, request.getMaxWaitMs()), MAX_WAIT_CAP_MS);
        CompletableFuture<Void> ready = stateMachine.whenApplied(after + 1);
        if (waitMs > 0) {
            ready.completeOnTimeout(null, waitMs, TimeUnit.MILLISECONDS);
        } else {
            ready.complete(null);
        }
        return ready.handleAsync((ignored, failure) -> read(after, Math.max(1, request.getMaxBytes())), executor);
    }

    private FetchMetadataRpcResponse read(long after, int maxBytes) {
        RaftLog log = raftLog.get();
        TermIndex appliedAt = stateMachine.getLastAppliedTermIndex();
        long applied = appliedAt == null ? -1 : appliedAt.getIndex(); // read before the image: the image holds at least this
        long committed = log.getLastCommittedIndex();
        long end = Math.min(applied, committed);
        FetchMetadataRpcResponse.Builder response = FetchMetadataRpcResponse.newBuilder().setCommittedIndex(committed);
        if (after + 1 < log.getStartIndex()) {
            return response.setImage(image(stateMachine.image(), applied)).build();
        }
        long bytes = 0;
        for (long index = after + 1; index <= end && (bytes < maxBytes || index == after + 1); index++) {
            LogEntryProto entry;
            try {
                entry = log.get(index);
            } catch (RaftLogIOException e) {
                break; // answered with what was read; the observer asks again
            }
            if (entry == null) {
                if (index < log.getStartIndex()) {
                    return response.clearEntries().setImage(image(stateMachine.image(), applied)).build();
                }
                break;
            }
            MetadataEntryRpc.Builder out = MetadataEntryRpc.newBuilder().setIndex(index);
            if (entry.hasStateMachineLogEntry()) {
                ByteString batch = ByteString.copyFrom(entry.getStateMachineLogEntry().getLogData().asReadOnlyByteBuffer());
                out.setIsBatch(true).setBatch(batch);
                bytes += batch.size();
            }
            response.addEntries(out);
        }
        return response.build();
    }

    /** @param applied the applied index read before the image: the observer goes on after it (re-sent batches are dropped by version) */
    private static MetadataImageRpc image(MetadataImage image, long applied) {
        return MetadataImageRpc.newBuilder().setOffset(image.offset()).setVersion(image.version())
                .setLastBrokerEpoch(image.lastBrokerEpoch()).setAppliedIndex(Math.max(applied, image.offset()))
                .addAllRecords(ImageRecords.toRecords(image)).build();
    }
}
