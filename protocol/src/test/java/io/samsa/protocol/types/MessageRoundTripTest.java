package io.samsa.protocol.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.protocol.message.ConsumerGroupHeartbeatResponse;
import io.samsa.protocol.message.FetchRequest;
import io.samsa.protocol.message.HeartbeatRequest;
import io.samsa.protocol.message.JoinGroupRequest;
import io.samsa.protocol.message.ProduceRequest;
import io.samsa.protocol.record.MemoryRecords;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-made messages through encode and decode: values, nulls, tagged fields, version rules. */
class MessageRoundTripTest {

    private static ByteBuffer encode(Message message, short version) {
        ByteBufferWritable out = ByteBufferWritable.growable(16);
        message.write(out, version);
        assertEquals(message.size(version), out.position(), "size() must match the bytes written");
        return out.toByteBuffer();
    }

    @Test
    void joinGroupRoundTripsAtEveryVersion() {
        for (short version = 0; version <= 9; version++) {
            JoinGroupRequest request = new JoinGroupRequest().setGroupId("g").setSessionTimeoutMs(10)
                    .setMemberId("m").setProtocolType("consumer")
                    .setProtocols(List.of(new JoinGroupRequest.JoinGroupRequestProtocol().setName("range")
                            .setMetadata(new byte[] {1})));
            if (version >= 1) {
                request.setRebalanceTimeoutMs(20);
            }
            if (version >= 5) {
                request.setGroupInstanceId(version == 5 ? null : "i");
            }
            JoinGroupRequest decoded = new JoinGroupRequest(new ByteBufferReadable(encode(request, version)), version);
            assertEquals(request, decoded, "v" + version);
            assertEquals(request.hashCode(), decoded.hashCode());
        }
    }

    @Test
    void aNonDefaultValueAVersionCannotCarryIsRefusedUnlessIgnorable() {
        JoinGroupRequest request = new JoinGroupRequest().setGroupInstanceId("i");
        assertThrows(UnsupportedVersionException.class, () -> request.write(ByteBufferWritable.growable(8), (short) 4));
        // reason is ignorable: dropped below v8
        JoinGroupRequest withReason = new JoinGroupRequest().setReason("r");
        JoinGroupRequest decoded = new JoinGroupRequest(new ByteBufferReadable(encode(withReason, (short) 7)), (short) 7);
        assertNull(decoded.reason());
    }

    @Test
    void nullWhereTheVersionIsNotNullableIsRefused() {
        JoinGroupRequest request = new JoinGroupRequest().setGroupId(null);
        assertThrows(NullPointerException.class, () -> request.write(ByteBufferWritable.growable(8), (short) 9));
        assertThrows(UnsupportedVersionException.class, () -> request.write(ByteBufferWritable.growable(8), (short) 10));
    }

    @Test
    void unknownTaggedFieldsArePreservedByteForByteAndInterleavedByTag() {
        FetchRequest request = new FetchRequest().setClusterId("c").setMaxWaitMs(500);
        request.unknownTaggedFields().add(new RawTaggedField(2, new byte[] {7, 7}));
        request.unknownTaggedFields().add(new RawTaggedField(9, new byte[] {}));
        short version = 15;
        request.replicaState().setReplicaId(3).setReplicaEpoch(4);
        ByteBuffer bytes = encode(request, version);
        FetchRequest decoded = new FetchRequest(new ByteBufferReadable(bytes.duplicate()), version);
        assertEquals(request, decoded);
        assertEquals(List.of(new RawTaggedField(2, new byte[] {7, 7}), new RawTaggedField(9, new byte[0])),
                decoded.unknownTaggedFields());
        assertEquals(bytes, encode(decoded, version));
        assertEquals(3, decoded.replicaState().replicaId());
    }

    @Test
    void aTaggedFieldAtItsDefaultIsNotWritten() {
        FetchRequest request = new FetchRequest();
        FetchRequest withCluster = new FetchRequest().setClusterId("c");
        assertEquals(encode(request, (short) 12).remaining() + 4, encode(withCluster, (short) 12).remaining());
    }

    @Test
    void recordsDecodeAsAZeroCopySliceOfTheInput() {
        byte[] batch = new byte[100];
        batch[50] = 9;
        ProduceRequest request = new ProduceRequest().setAcks((short) -1).setTimeoutMs(1000);
        ProduceRequest.TopicProduceData topic = new ProduceRequest.TopicProduceData().setName("t");
        topic.partitionData().add(new ProduceRequest.PartitionProduceData().setIndex(0)
                .setRecords(new MemoryRecords(ByteBuffer.wrap(batch))));
        topic.partitionData().add(new ProduceRequest.PartitionProduceData().setIndex(1).setRecords(null));
        request.topicData().add(topic);
        for (short version : new short[] {3, 9, 13}) {
            ByteBuffer bytes = encode(request, version);
            ProduceRequest decoded = new ProduceRequest(new ByteBufferReadable(bytes), version);
            MemoryRecords records = (MemoryRecords) decoded.topicData().get(0).partitionData().get(0).records();
            assertEquals(100, records.sizeInBytes());
            assertSame(bytes.array(), records.buffer().array(), "a view of the request buffer");
            assertNull(decoded.topicData().get(0).partitionData().get(1).records());
            if (version < 13) {
                assertEquals(request, decoded);
            }
        }
    }

    @Test
    void nullableStructsRoundTrip() {
        ConsumerGroupHeartbeatResponse withAssignment = new ConsumerGroupHeartbeatResponse().setMemberId("m")
                .setAssignment(new ConsumerGroupHeartbeatResponse.Assignment().setTopicPartitions(new ArrayList<>(List.of(
                        new ConsumerGroupHeartbeatResponse.TopicPartitions().setTopicId(Uuid.random())
                                .setPartitions(List.of(0, 1, 2))))));
        ConsumerGroupHeartbeatResponse without = new ConsumerGroupHeartbeatResponse();
        for (ConsumerGroupHeartbeatResponse response : List.of(withAssignment, without)) {
            ConsumerGroupHeartbeatResponse decoded =
                    new ConsumerGroupHeartbeatResponse(new ByteBufferReadable(encode(response, (short) 1)), (short) 1);
            assertEquals(response, decoded);
        }
        assertNotEquals(withAssignment, without);
    }

    @Test
    void versionsOutsideTheSchemaAreRefused() {
        assertThrows(UnsupportedVersionException.class,
                () -> new HeartbeatRequest().write(ByteBufferWritable.growable(8), (short) 5));
        assertThrows(UnsupportedVersionException.class,
                () -> new ProduceRequest(new ByteBufferReadable(ByteBuffer.allocate(64)), (short) 2));
        assertTrue(new HeartbeatRequest().toString().startsWith("HeartbeatRequest(groupId=''"));
    }

    @Test
    void bytesCompareByContent() {
        JoinGroupRequest.JoinGroupRequestProtocol a = new JoinGroupRequest.JoinGroupRequestProtocol().setMetadata(new byte[] {1, 2});
        JoinGroupRequest.JoinGroupRequestProtocol b = new JoinGroupRequest.JoinGroupRequestProtocol().setMetadata(new byte[] {1, 2});
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertArrayEquals(new byte[] {1, 2}, b.metadata());
    }
}
