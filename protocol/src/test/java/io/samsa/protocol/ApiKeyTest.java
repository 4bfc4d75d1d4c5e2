package io.samsa.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.kafka.common.protocol.ApiKeys;
import org.junit.jupiter.api.Test;

/** The advertised table is consistent with Kafka 4.1's ids, names and floors. */
class ApiKeyTest {

    @Test
    void idsAndNamesMatchKafka() {
        for (ApiKey api : ApiKey.values()) {
            ApiKeys kafka = ApiKeys.forId(api.id());
            assertEquals(kafka.name, api.displayName(), "name of key " + api.id());
            assertTrue(api.advertisedMax() <= kafka.latestVersion(true),
                    api + " advertises past what Kafka 4.1 defines");
            // A 4.1 client refuses an API whose broker max is below its floor (KIP-896).
            assertTrue(api.advertisedMax() >= kafka.oldestVersion(), api + " max is below the 4.1 floor");
            // Everything accepted must be a version 4.1 still defines, so it can be decoded.
            assertTrue(api.acceptedMin() >= kafka.oldestVersion(), api + " accepts a version 4.1 removed");
        }
    }

    @Test
    void produceAdvertisesZeroButAcceptsOnlyThreeAndUp() {
        assertEquals(0, ApiKey.PRODUCE.advertisedMin());
        assertFalse(ApiKey.PRODUCE.accepts((short) 2));
        assertTrue(ApiKey.PRODUCE.accepts((short) 3));
        assertTrue(ApiKey.PRODUCE.accepts((short) 11));
        assertFalse(ApiKey.PRODUCE.accepts((short) 12));
    }

    @Test
    void lookupByWireId() {
        assertEquals(ApiKey.JOIN_GROUP, ApiKey.forId((short) 11));
        assertNull(ApiKey.forId((short) 17));
        assertNull(ApiKey.forId((short) -1));
        assertNull(ApiKey.forId((short) 999));
        assertNotNull(ApiKey.forId((short) 61));
    }
}
