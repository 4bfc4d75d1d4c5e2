package io.samsa.metadata.quorum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.metadata.image.MetadataImage;
import io.samsa.metadata.records.MetadataRecords;
import io.samsa.metadata.records.proto.MetadataRecordBatch;
import io.samsa.protocol.types.Uuid;
import io.samsa.protocol.util.ManualTime;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.proto.RaftProtos.StateMachineLogEntryProto;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.SizeInBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots of the state machine driven entry by entry, without a Ratis server: a snapshot
 * labelled N holds every batch up to N and none after it (Kafka's rule), also when the entries
 * just before N are Ratis's own (configuration, commit-index metadata), and a state machine
 * restored from it resumes at N, so the tail after N replays onto it exactly once.
 */
class MetadataStateMachineSnapshotTest {
    private static final long TERM = 1;
    private static final LeadershipListener NO_LEADERSHIP = new LeadershipListener() {
        @Override
        public void onLeaderReady(long term) {
        }

        @Override
        public void onNotLeader(int leaderId) {
        }
    };

    /** A stand-in Ratis server: the state machine asks it only for its id (for its name). */
    private static final RaftServer SERVER = (RaftServer) Proxy.newProxyInstance(RaftServer.class.getClassLoader(),
            new Class<?>[] {RaftServer.class}, (proxy, method, args) ->
                    method.getName().equals("getId") ? RaftPeerId.valueOf("1") : null);

    @Test
    void aSnapshotHoldsExactlyTheBatchesUpToItsIndexAndARestoreResumesThere(@TempDir Path dir) throws IOException {
        RaftStorage storage = storage(dir);
        MetadataStateMachine first = initialized(storage);
        first.notifyTermIndexUpdated(TERM, 0); // the term's configuration entry
        apply(first, 1, 0, "a");
        apply(first, 2, 1, "b");
        apply(first, 3, 2, "c");
        first.notifyTermIndexUpdated(TERM, 4); // a metadata entry recording commit index 3
        MetadataImage atSnapshot = first.image();

        assertEquals(4, first.takeSnapshot(), "labelled with the applied index, past the image's last batch");
        assertEquals(3, atSnapshot.offset());
        apply(first, 5, 3, "d"); // after the snapshot: in the log tail only
        MetadataImage afterTail = first.image();

        MetadataStateMachine restored = initialized(storage);
        assertEquals(atSnapshot, restored.image(), "the snapshot holds a, b and c, and not d");
        assertEquals(TermIndex.valueOf(TERM, 4), restored.getLastAppliedTermIndex());
        assertTrue(restored.whenApplied(4).isDone());
        CompletableFuture<Void> tailApplied = restored.whenApplied(5);
        assertFalse(tailApplied.isDone());

        assertEquals(MetadataStateMachine.APPLIED, apply(restored, 5, 3, "d"), "the tail replays onto the snapshot");
        assertEquals(afterTail, restored.image());
        assertTrue(tailApplied.isDone());
        storage.close();
    }

    @Test
    void nothingAppliedMeansNoSnapshot(@TempDir Path dir) throws IOException {
        RaftStorage storage = storage(dir);
        MetadataStateMachine stateMachine = initialized(storage);
        assertEquals(-1, stateMachine.takeSnapshot());
        assertEquals(MetadataImage.EMPTY, initialized(storage).image());
        storage.close();
    }

    private static RaftStorage storage(Path dir) throws IOException {
        RaftStorage storage = RaftStorage.newBuilder().setDirectory(dir.toFile())
                .setOption(RaftStorage.StartupOption.FORMAT).setStorageFreeSpaceMin(SizeInBytes.ONE_KB)
                .setLogCorruptionPolicy(RaftServerConfigKeys.Log.CorruptionPolicy.EXCEPTION).build();
        storage.initialize();
        return storage;
    }

    private static MetadataStateMachine initialized(RaftStorage storage) throws IOException {
        MetadataStateMachine stateMachine = new MetadataStateMachine(1, NO_LEADERSHIP, new ManualTime());
        stateMachine.initialize(SERVER, RaftGroupId.randomId(), storage);
        return stateMachine;
    }

    /** Applies, as Ratis's updater does, a batch creating {@code topic} at {@code index}. @return its outcome */
    private static byte apply(MetadataStateMachine stateMachine, long index, long baseVersion, String topic) {
        byte[] batch = MetadataRecordBatch.newBuilder().setBaseVersion(baseVersion)
                .addRecords(MetadataRecords.topic(topic, new Uuid(7, topic.hashCode()))).build().toByteArray();
        LogEntryProto entry = LogEntryProto.newBuilder().setTerm(TERM).setIndex(index)
                .setStateMachineLogEntry(StateMachineLogEntryProto.newBuilder().setLogData(ByteString.copyFrom(batch)))
                .build();
        TransactionContext trx = TransactionContext.newBuilder().setStateMachine(stateMachine)
                .setServerRole(RaftPeerRole.FOLLOWER).setLogEntry(entry).build();
        return stateMachine.applyTransaction(trx).join().getContent().byteAt(0);
    }
}
