package io.samsa.protocol.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class UuidTest {

    @Test
    void textMatchesKafkasUuid() {
        for (int i = 0; i < 100; i++) {
            org.apache.kafka.common.Uuid theirs = org.apache.kafka.common.Uuid.randomUuid();
            Uuid ours = new Uuid(theirs.getMostSignificantBits(), theirs.getLeastSignificantBits());
            assertEquals(theirs.toString(), ours.toString());
            assertEquals(ours, Uuid.fromString(theirs.toString()));
        }
        assertEquals(org.apache.kafka.common.Uuid.ZERO_UUID.toString(), Uuid.ZERO.toString());
    }

    @Test
    void randomIdsAreNeitherZeroNorDashPrefixed() {
        for (int i = 0; i < 1000; i++) {
            Uuid id = Uuid.random();
            assertNotEquals(Uuid.ZERO, id);
            assertFalse(id.toString().startsWith("-"));
        }
    }
}
