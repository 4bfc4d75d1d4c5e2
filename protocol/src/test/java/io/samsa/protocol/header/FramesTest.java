package io.samsa.protocol.header;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.samsa.protocol.ProtocolDecodeException;
import io.samsa.protocol.message.ApiVersionsResponse;
import io.samsa.protocol.message.JoinGroupRequest;
import io.samsa.protocol.types.DecodeLimits;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.junit.jupiter.api.Test;

/** Whole frames written by one side are read by the other. */
class FramesTest {

    @Test
    void samsaRequestFrameIsReadByKafka() {
        JoinGroupRequest join = new JoinGroupRequest().setGroupId("g1").setSessionTimeoutMs(45000)
                .setRebalanceTimeoutMs(300000).setMemberId("m-1").setProtocolType("consumer")
                .setProtocols(List.of(new JoinGroupRequest.JoinGroupRequestProtocol().setName("range")
                        .setMetadata(new byte[] {0, 3, 1, 2})));
        ByteBuffer frame = Frames.encodeRequest(new RequestHeader((short) 11, (short) 9, 42, "c"), join);
        assertEquals(frame.remaining() - 4, frame.getInt(0));
        frame.position(4);

        org.apache.kafka.common.requests.RequestHeader header = org.apache.kafka.common.requests.RequestHeader.parse(frame);
        assertEquals(ApiKeys.JOIN_GROUP, header.apiKey());
        assertEquals(42, header.correlationId());
        AbstractRequest request = AbstractRequest.parseRequest(ApiKeys.JOIN_GROUP, (short) 9, new ByteBufferAccessor(frame)).request;
        JoinGroupRequestData data = (JoinGroupRequestData) request.data();
        assertEquals("g1", data.groupId());
        assertEquals("range", data.protocols().iterator().next().name());
    }

    @Test
    void kafkaRequestFrameIsReadBySamsa() {
        JoinGroupRequestData data = new JoinGroupRequestData().setGroupId("g2").setSessionTimeoutMs(10000)
                .setMemberId("").setProtocolType("consumer");
        org.apache.kafka.common.requests.RequestHeader header =
                new org.apache.kafka.common.requests.RequestHeader(ApiKeys.JOIN_GROUP, (short) 5, "kc", 9);
        ByteBuffer bytes = new org.apache.kafka.common.requests.JoinGroupRequest.Builder(data).build((short) 5)
                .serializeWithHeader(header);

        Frames.DecodedRequest decoded = Frames.decodeRequest(bytes, DecodeLimits.DEFAULT);
        assertEquals(9, decoded.header().correlationId());
        assertEquals("kc", decoded.header().clientId());
        JoinGroupRequest join = assertInstanceOf(JoinGroupRequest.class, decoded.body());
        assertEquals("g2", join.groupId());
        assertEquals(10000, join.sessionTimeoutMs());
    }

    @Test
    void apiVersionsResponseIsReadByKafkaWithHeaderV0EvenWhenFlexible() {
        ApiVersionsResponse response = new ApiVersionsResponse().setErrorCode((short) 0)
                .setApiKeys(List.of(new ApiVersionsResponse.ApiVersion().setApiKey((short) 18)
                        .setMinVersion((short) 0).setMaxVersion((short) 4)));
        ByteBuffer frame = Frames.encodeResponse(77, (short) 3, response);
        frame.position(4);
        org.apache.kafka.common.requests.RequestHeader requestHeader =
                new org.apache.kafka.common.requests.RequestHeader(ApiKeys.API_VERSIONS, (short) 3, "x", 77);
        AbstractResponse parsed = AbstractResponse.parseResponse(frame, requestHeader);
        org.apache.kafka.common.message.ApiVersionsResponseData kafka =
                (org.apache.kafka.common.message.ApiVersionsResponseData) parsed.data();
        assertEquals(4, kafka.apiKeys().find((short) 18).maxVersion());
    }

    @Test
    void samsaReadsItsOwnResponseFrames() {
        ApiVersionsResponse response = new ApiVersionsResponse().setErrorCode((short) 35);
        ByteBuffer frame = Frames.encodeResponse(5, (short) 0, response);
        frame.position(4);
        assertEquals(5, Frames.peekCorrelationId(frame));
        Frames.DecodedResponse decoded = Frames.decodeResponse(frame, (short) 18, (short) 0, DecodeLimits.DEFAULT);
        assertEquals(35, ((ApiVersionsResponse) decoded.body()).errorCode());
    }

    @Test
    void garbageIsATypedDecodeError() {
        assertThrows(ProtocolDecodeException.class,
                () -> Frames.decodeRequest(ByteBuffer.wrap(new byte[] {0, 11, 0, 9, 0, 0}), DecodeLimits.DEFAULT));
        assertThrows(ProtocolDecodeException.class, () -> Frames.peekCorrelationId(ByteBuffer.allocate(3)));
    }
}
