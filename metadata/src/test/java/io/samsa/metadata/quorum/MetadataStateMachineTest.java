package io.samsa.metadata.quorum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.samsa.metadata.image.MetadataImage;
import io.samsa.metadata.records.MetadataRecords;
import io.samsa.metadata.records.proto.MetadataRecordBatch;
import io.samsa.protocol.types.Uuid;
import io.samsa.protocol.util.ManualTime;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Replay of log entries, without Ratis around it. */
class MetadataStateMachineTest {
    private final MetadataStateMachine stateMachine = new MetadataStateMachine(1, new LeadershipListener() {
        @Override
        public void onLeaderReady(long term) {
        }

        @Override
        public void onNotLeader(int leaderId) {
        }
    }, new ManualTime());

    private static ByteBuffer batch(long baseVersion, String topic) {
        return ByteBuffer.wrap(MetadataRecordBatch.newBuilder().setBaseVersion(baseVersion)
                .addRecords(MetadataRecords.topic(topic, new Uuid(9, topic.hashCode()))).build().toByteArray());
    }

    @Test
    void aBatchComputedAgainstAnOlderVersionIsDroppedEverywhereAlike() {
        assertEquals(MetadataStateMachine.APPLIED, stateMachine.apply(batch(0, "a"), 5));
        MetadataImage afterFirst = stateMachine.image();
        assertEquals(1, afterFirst.version());
        assertEquals(5, afterFirst.offset());

        assertEquals(MetadataStateMachine.REJECTED, stateMachine.apply(batch(0, "b"), 6),
                "a second batch based on version 0 raced the first");
        assertSame(afterFirst, stateMachine.image());
        assertEquals(MetadataStateMachine.APPLIED, stateMachine.apply(batch(1, "b"), 7));
    }

    @Test
    void aBatchThatDoesNotReplayOrParseIsDroppedWhole() {
        stateMachine.apply(batch(0, "a"), 1);
        MetadataImage before = stateMachine.image();
        ByteBuffer contradicting = ByteBuffer.wrap(MetadataRecordBatch.newBuilder().setBaseVersion(1)
                .addRecords(MetadataRecords.topic("fresh", new Uuid(1, 1)))
                .addRecords(MetadataRecords.topic("a", new Uuid(2, 2))).build().toByteArray());
        assertEquals(MetadataStateMachine.REJECTED, stateMachine.apply(contradicting, 2));
        assertEquals(MetadataStateMachine.REJECTED, stateMachine.apply(ByteBuffer.wrap(new byte[] {(byte) 0xff, 1}), 3));
        assertSame(before, stateMachine.image(), "all or nothing");
    }
}
