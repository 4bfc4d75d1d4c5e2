package io.samsa.protocol.header;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.samsa.protocol.ApiKey;
import io.samsa.protocol.ProtocolDecodeException;
import io.samsa.protocol.types.ByteBufferReadable;
import io.samsa.protocol.types.ByteBufferWritable;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Request and response headers agree byte for byte with kafka-clients for every accepted version. */
class HeaderCompatibilityTest {

    @TestFactory
    List<DynamicTest> requestHeadersMatchKafkaForEveryAcceptedVersion() {
        List<DynamicTest> tests = new ArrayList<>();
        for (ApiKey api : ApiKey.values()) {
            for (short v = api.acceptedMin(); v <= api.advertisedMax(); v++) {
                short version = v;
                tests.add(DynamicTest.dynamicTest(api + " v" + version, () -> checkRequestHeader(api, version)));
            }
        }
        return tests;
    }

    private static void checkRequestHeader(ApiKey api, short version) {
        ApiKeys kafkaApi = ApiKeys.forId(api.id());
        assertEquals(kafkaApi.requestHeaderVersion(version), HeaderVersions.requestHeaderVersion(api.id(), version));
        assertEquals(kafkaApi.responseHeaderVersion(version), HeaderVersions.responseHeaderVersion(api.id(), version));

        for (String clientId : new String[] {"consumer-group-1", "", "çlient-ü"}) {
            org.apache.kafka.common.requests.RequestHeader kafka =
                    new org.apache.kafka.common.requests.RequestHeader(kafkaApi, version, clientId, 123456);
            ObjectSerializationCache cache = new ObjectSerializationCache();
            ByteBuffer kafkaBytes = ByteBuffer.allocate(kafka.data().size(cache, kafka.headerVersion()));
            kafka.data().write(new ByteBufferAccessor(kafkaBytes), cache, kafka.headerVersion());
            kafkaBytes.flip();

            RequestHeader samsa = RequestHeader.read(new ByteBufferReadable(kafkaBytes.duplicate()));
            assertEquals(new RequestHeader(api.id(), version, 123456, clientId), samsa);
            assertArrayEquals(toArray(kafkaBytes), encode(samsa), "re-encoded header");

            org.apache.kafka.common.requests.RequestHeader parsed =
                    org.apache.kafka.common.requests.RequestHeader.parse(ByteBuffer.wrap(encode(samsa)));
            assertEquals(kafka, parsed);
        }
    }

    @Test
    void nullClientIdReadsAsEmpty() {
        ByteBufferWritable out = ByteBufferWritable.growable(16);
        out.writeShort((short) 12);
        out.writeShort((short) 1);
        out.writeInt(7);
        out.writeShort((short) -1);
        RequestHeader header = RequestHeader.read(new ByteBufferReadable(out.toByteBuffer()));
        assertEquals("", header.clientId());
        assertEquals(7, header.correlationId());
    }

    @Test
    void apiVersionsRequestOfAnUnknownFutureVersionStillReadsAsHeaderV2() {
        RequestHeader future = new RequestHeader((short) 18, (short) 99, 5, "librdkafka");
        assertEquals(2, future.headerVersion());
        RequestHeader read = RequestHeader.read(new ByteBufferReadable(ByteBuffer.wrap(encode(future))));
        assertEquals(future, read);
        assertEquals(0, HeaderVersions.responseHeaderVersion((short) 18, (short) 99));
    }

    @Test
    void unknownApiKeyOrVersionIsATypedDecodeError() {
        ByteBufferWritable out = ByteBufferWritable.growable(16);
        out.writeShort((short) 999);
        out.writeShort((short) 0);
        out.writeInt(1);
        out.writeNullableStringField("x", false);
        assertThrows(ProtocolDecodeException.class, () -> RequestHeader.read(new ByteBufferReadable(out.toByteBuffer())));

        ByteBufferWritable out2 = ByteBufferWritable.growable(16);
        out2.writeShort((short) 11);
        out2.writeShort((short) 42);
        out2.writeInt(1);
        out2.writeNullableStringField("x", false);
        assertThrows(ProtocolDecodeException.class, () -> RequestHeader.read(new ByteBufferReadable(out2.toByteBuffer())));
    }

    @Test
    void truncatedHeadersAreTypedDecodeErrors() {
        byte[] full = encode(new RequestHeader((short) 11, (short) 9, 77, "client-with-a-name"));
        for (int cut = 0; cut < full.length; cut++) {
            ByteBuffer truncated = ByteBuffer.wrap(full, 0, cut);
            assertThrows(ProtocolDecodeException.class, () -> RequestHeader.read(new ByteBufferReadable(truncated)),
                    "cut at " + cut);
        }
    }

    @Test
    void responseHeadersMatchKafka() {
        for (short headerVersion = 0; headerVersion <= 1; headerVersion++) {
            org.apache.kafka.common.requests.ResponseHeader kafka =
                    new org.apache.kafka.common.requests.ResponseHeader(98765, headerVersion);
            ByteBuffer kafkaBytes = ByteBuffer.allocate(kafka.size());
            kafka.data().write(new ByteBufferAccessor(kafkaBytes), new ObjectSerializationCache(), headerVersion);
            kafkaBytes.flip();
            ResponseHeader samsa = ResponseHeader.read(new ByteBufferReadable(kafkaBytes.duplicate()), headerVersion);
            assertEquals(98765, samsa.correlationId());
            ByteBufferWritable out = ByteBufferWritable.growable(8);
            samsa.write(out);
            assertArrayEquals(toArray(kafkaBytes), toArray(out.toByteBuffer()));
            assertEquals(kafka.size(), samsa.size());
        }
    }

    static byte[] encode(RequestHeader header) {
        ByteBufferWritable out = ByteBufferWritable.growable(32);
        header.write(out);
        byte[] bytes = toArray(out.toByteBuffer());
        assertEquals(header.size(), bytes.length, "size()");
        return bytes;
    }

    static byte[] toArray(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }
}
