package io.samsa.protocol.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.samsa.protocol.message.ApiMessageType;
import io.samsa.protocol.message.ConsumerProtocolAssignment;
import io.samsa.protocol.message.ConsumerProtocolSubscription;
import java.nio.ByteBuffer;
import org.apache.kafka.common.protocol.ApiKeys;
import org.junit.jupiter.api.Test;

/**
 * For every API and version: a freshly created body encodes to the same bytes as kafka-clients'
 * freshly created one (same defaults, same layout of every positional field and the tagged-field
 * section), and the registry's key, range and flexible versions agree with Kafka's ApiKeys.
 */
class DefaultMessagesMatchKafkaTest {

    @Test
    void everyDefaultBodyMatchesKafkaAndRoundTrips() {
        int checked = 0;
        for (ApiMessageType type : ApiMessageType.values()) {
            org.apache.kafka.common.message.ApiMessageType theirs =
                    org.apache.kafka.common.message.ApiMessageType.fromApiKey(type.apiKey());
            for (short version = type.lowestSupportedVersion(); version <= type.highestSupportedVersion(); version++) {
                String what = type.displayName() + " v" + version;
                byte[] request = WireBytes.kafka(theirs.newRequest(), version);
                assertArrayEquals(request, WireBytes.samsa(type.newRequest(), version), what + " request");
                ApiMessage decoded = type.readRequest(new ByteBufferReadable(ByteBuffer.wrap(request)), version);
                assertEquals(type.newRequest(), decoded, what + " request decode");
                byte[] response = WireBytes.kafka(theirs.newResponse(), version);
                assertArrayEquals(response, WireBytes.samsa(type.newResponse(), version), what + " response");
                assertEquals(type.newResponse(),
                        type.readResponse(new ByteBufferReadable(ByteBuffer.wrap(response)), version), what + " response decode");
                checked++;
            }
        }
        assertEquals(222, checked, "API versions covered");
    }

    @Test
    void consumerProtocolDataMessagesMatchKafka() {
        for (short version = 0; version <= 3; version++) {
            assertArrayEquals(WireBytes.kafka(new org.apache.kafka.common.message.ConsumerProtocolSubscription(), version),
                    WireBytes.samsa(new ConsumerProtocolSubscription(), version));
            assertArrayEquals(WireBytes.kafka(new org.apache.kafka.common.message.ConsumerProtocolAssignment(), version),
                    WireBytes.samsa(new ConsumerProtocolAssignment(), version));
        }
    }

    @Test
    void registryAgreesWithKafkasApiKeys() {
        for (ApiMessageType type : ApiMessageType.values()) {
            ApiKeys theirs = ApiKeys.forId(type.apiKey());
            assertEquals(theirs.oldestVersion(), type.lowestSupportedVersion(), type.displayName());
            assertEquals(theirs.latestVersion(true), type.highestSupportedVersion(), type.displayName());
            assertEquals(theirs.latestVersion(true) != theirs.latestVersion(false), type.latestVersionUnstable(),
                    type.displayName());
            for (short version = type.lowestSupportedVersion(); version <= type.highestSupportedVersion(); version++) {
                assertEquals(theirs.requestHeaderVersion(version) == 2, type.isRequestFlexible(version));
                if (type != ApiMessageType.API_VERSIONS) {
                    assertEquals(theirs.responseHeaderVersion(version) == 1, type.isResponseFlexible(version));
                }
            }
            assertEquals(type, ApiMessageType.fromApiKey(type.apiKey()));
            assertNotNull(type.newRequest());
        }
        assertEquals(null, ApiMessageType.fromApiKey((short) 4));
        assertEquals(null, ApiMessageType.fromApiKey((short) 999));
        assertEquals(null, ApiMessageType.fromApiKey((short) -1));
    }
}
