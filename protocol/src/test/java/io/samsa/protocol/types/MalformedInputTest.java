package io.samsa.protocol.types;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.samsa.protocol.ProtocolDecodeException;
import io.samsa.protocol.message.ApiMessageType;
import io.samsa.protocol.message.FetchRequest;
import io.samsa.protocol.message.JoinGroupRequest;
import io.samsa.protocol.message.MetadataResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Truncated, corrupted and random input must either decode or raise ProtocolDecodeException:
 * never another exception, never a hang, never a huge allocation.
 */
class MalformedInputTest {
    private static final long SEED = 20261121L;

    private interface Decoder {
        void decode(ByteBuffer input);
    }

    private static void decodeOrTypedFailure(Decoder decoder, ByteBuffer input, String what) {
        try {
            decoder.decode(input);
        } catch (ProtocolDecodeException expected) {
            // the one allowed failure
        } catch (RuntimeException | Error e) {
            fail(what + ": " + e, e);
        }
    }

    private static ByteBuffer encode(Message message, short version) {
        ByteBufferWritable out = ByteBufferWritable.growable(64);
        message.write(out, version);
        return out.toByteBuffer();
    }

    @Test
    void everyApiSurvivesRandomBytes() {
        Random random = new Random(SEED);
        for (ApiMessageType type : ApiMessageType.values()) {
            for (short version = type.lowestSupportedVersion(); version <= type.highestSupportedVersion(); version++) {
                short v = version;
                for (int round = 0; round < 30; round++) {
                    byte[] bytes = new byte[random.nextInt(64)];
                    random.nextBytes(bytes);
                    String what = type.displayName() + " v" + v;
                    decodeOrTypedFailure(in -> type.readRequest(new ByteBufferReadable(in), v), ByteBuffer.wrap(bytes), what);
                    decodeOrTypedFailure(in -> type.readResponse(new ByteBufferReadable(in), v), ByteBuffer.wrap(bytes), what);
                }
            }
        }
    }

    @Test
    void everyTruncationAndByteFlipOfRealMessagesIsHandled() {
        List<Object[]> samples = new ArrayList<>();
        JoinGroupRequest join = new JoinGroupRequest().setGroupId("group").setMemberId("m").setProtocolType("consumer")
                .setGroupInstanceId("i").setReason("r");
        join.protocols().add(new JoinGroupRequest.JoinGroupRequestProtocol().setName("range").setMetadata(new byte[] {1, 2}));
        MetadataResponse metadata = new MetadataResponse().setClusterId("c");
        metadata.brokers().add(new MetadataResponse.MetadataResponseBroker().setNodeId(1).setHost("h").setPort(1));
        metadata.topics().add(new MetadataResponse.MetadataResponseTopic().setName("t").setTopicId(Uuid.random()));
        metadata.topics().get(0).partitions().add(new MetadataResponse.MetadataResponsePartition()
                .setReplicaNodes(List.of(1, 2, 3)).setIsrNodes(List.of(1)).setOfflineReplicas(List.of()));
        FetchRequest fetch = new FetchRequest().setClusterId("c");
        fetch.topics().add(new FetchRequest.FetchTopic().setTopic("t"));
        fetch.topics().get(0).partitions().add(new FetchRequest.FetchPartition().setFetchOffset(5));
        fetch.unknownTaggedFields().add(new RawTaggedField(7, new byte[] {1, 2, 3}));
        for (short v = 5; v <= 9; v++) {
            samples.add(new Object[] {ApiMessageType.JOIN_GROUP, true, v, encode(join, v)});
        }
        for (short v = 9; v <= 13; v++) {
            samples.add(new Object[] {ApiMessageType.METADATA, false, v, encode(metadata, v)});
        }
        for (short v = 12; v <= 18; v++) {
            samples.add(new Object[] {ApiMessageType.FETCH, true, v, encode(fetch, v)});
        }
        Random random = new Random(SEED);
        int decoded = 0;
        for (Object[] sample : samples) {
            ApiMessageType type = (ApiMessageType) sample[0];
            boolean request = (Boolean) sample[1];
            short version = (Short) sample[2];
            ByteBuffer bytes = (ByteBuffer) sample[3];
            Decoder decoder = in -> {
                if (request) {
                    type.readRequest(new ByteBufferReadable(in), version);
                } else {
                    type.readResponse(new ByteBufferReadable(in), version);
                }
            };
            String what = type.displayName() + " v" + version;
            for (int length = 0; length < bytes.remaining(); length++) {
                decodeOrTypedFailure(decoder, bytes.duplicate().limit(length), what + " truncated to " + length);
            }
            for (int round = 0; round < 500; round++) {
                byte[] copy = new byte[bytes.remaining()];
                bytes.duplicate().get(copy);
                copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
                if (random.nextBoolean()) {
                    copy[random.nextInt(copy.length)] = (byte) (random.nextBoolean() ? 0xff : 0x7f);
                }
                decodeOrTypedFailure(decoder, ByteBuffer.wrap(copy), what + " corrupted");
            }
            decoder.decode(bytes.duplicate());
            decoded++;
        }
        assertTrue(decoded == samples.size());
    }
}
