package io.samsa.client.internals.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.samsa.client.errors.InvalidRequestException;
import io.samsa.client.errors.UnsupportedVersionException;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.ApiMessageType;
import io.samsa.protocol.message.ApiVersionsRequest;
import io.samsa.protocol.message.ApiVersionsResponse;
import io.samsa.protocol.types.ByteBufferWritable;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The handshake's decisions and the version choice, without a network. */
class ApiVersionsHandshakeTest {

    private static ApiVersionsResponse.ApiVersion range(ApiMessageType type, int min, int max) {
        return new ApiVersionsResponse.ApiVersion().setApiKey(type.apiKey()).setMinVersion((short) min).setMaxVersion((short) max);
    }

    private static ByteBuffer encode(ApiVersionsResponse response, short version) {
        ByteBuffer buffer = ByteBuffer.allocate(response.size(version));
        response.write(new ByteBufferWritable(buffer), version);
        return buffer.flip();
    }

    @Test
    void startsAtTheHighestVersionAndNamesTheSoftwareFromV3() {
        assertEquals(4, ApiVersionsHandshake.firstVersion());
        ApiVersionsRequest v3 = ApiVersionsHandshake.request((short) 3);
        assertEquals("samsa-java", v3.clientSoftwareName());
        assertEquals("0.1.0", v3.clientSoftwareVersion());
        assertEquals("", ApiVersionsHandshake.request((short) 2).clientSoftwareName());
    }

    @Test
    void aSuccessfulResponseIsReady() {
        ApiVersionsResponse response = new ApiVersionsResponse().setApiKeys(List.of(range(ApiMessageType.METADATA, 0, 9)));
        ApiVersionsHandshake.Outcome outcome = ApiVersionsHandshake.onResponse(encode(response, (short) 4), (short) 4);
        NodeApiVersions versions = assertInstanceOf(ApiVersionsHandshake.Ready.class, outcome).versions();
        assertEquals(9, versions.brokerRange(ApiMessageType.METADATA.apiKey()).max());
    }

    @Test
    void theV0LayoutFallbackIsParsedAndRetriedAtTheAdvertisedMax() {
        ApiVersionsResponse fallback = new ApiVersionsResponse().setErrorCode(ErrorCode.UNSUPPORTED_VERSION.code())
            .setApiKeys(List.of(range(ApiMessageType.API_VERSIONS, 0, 2)));
        // the broker did not know v4, so it wrote a v0 body; reading it as v4 fails and v0 is tried
        ApiVersionsHandshake.Outcome outcome = ApiVersionsHandshake.onResponse(encode(fallback, (short) 0), (short) 4);
        assertEquals(2, assertInstanceOf(ApiVersionsHandshake.Retry.class, outcome).version());
    }

    @Test
    void retriesAlwaysGoLowerAndEndAtV0() {
        ApiVersionsResponse noEntry = new ApiVersionsResponse().setErrorCode(ErrorCode.UNSUPPORTED_VERSION.code());
        assertEquals(0, ((ApiVersionsHandshake.Retry) ApiVersionsHandshake.onResponse(noEntry, (short) 3)).version());
        ApiVersionsResponse nonsense = new ApiVersionsResponse().setErrorCode(ErrorCode.UNSUPPORTED_VERSION.code())
            .setApiKeys(List.of(range(ApiMessageType.API_VERSIONS, 0, 9)));
        assertEquals(2, ((ApiVersionsHandshake.Retry) ApiVersionsHandshake.onResponse(nonsense, (short) 3)).version());
        ApiVersionsHandshake.Outcome atV0 = ApiVersionsHandshake.onResponse(noEntry, (short) 0);
        assertInstanceOf(UnsupportedVersionException.class, ((ApiVersionsHandshake.Failed) atV0).error());
    }

    @Test
    void otherErrorsAndGarbageFail() {
        ApiVersionsResponse invalid = new ApiVersionsResponse().setErrorCode(ErrorCode.INVALID_REQUEST.code());
        assertInstanceOf(InvalidRequestException.class,
            ((ApiVersionsHandshake.Failed) ApiVersionsHandshake.onResponse(invalid, (short) 3)).error());
        ApiVersionsHandshake.Outcome garbage = ApiVersionsHandshake.onResponse(ByteBuffer.wrap(new byte[] {0, 0, 0, 0, 5}), (short) 4);
        assertInstanceOf(ApiVersionsHandshake.Failed.class, garbage);
    }

    @Test
    void versionChoiceIsTheHighestCommonStableVersion() {
        NodeApiVersions broker = NodeApiVersions.fromResponse(new ApiVersionsResponse().setApiKeys(List.of(
            range(ApiMessageType.OFFSET_COMMIT, 2, 10), range(ApiMessageType.FETCH, 4, 12), range(ApiMessageType.PRODUCE, 0, 2))));
        // OffsetCommit v10 is unstable in our schemas, so v9 is chosen even though both sides list 10
        assertEquals(9, broker.latestUsableVersion(ApiMessageType.OFFSET_COMMIT, (short) 0, Short.MAX_VALUE));
        assertEquals(12, broker.latestUsableVersion(ApiMessageType.FETCH, (short) 0, Short.MAX_VALUE));
        assertEquals(7, broker.latestUsableVersion(ApiMessageType.FETCH, (short) 0, (short) 7));
        UnsupportedVersionException tooOld = assertThrows(UnsupportedVersionException.class,
            () -> broker.latestUsableVersion(ApiMessageType.PRODUCE, (short) 0, Short.MAX_VALUE));
        assertEquals(true, tooOld.getMessage().contains("Produce"));
        assertThrows(UnsupportedVersionException.class,
            () -> broker.latestUsableVersion(ApiMessageType.METADATA, (short) 0, Short.MAX_VALUE));
        assertNull(broker.brokerRange(ApiMessageType.METADATA.apiKey()));
    }
}
