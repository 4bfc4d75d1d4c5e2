package io.samsa.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VersionsTest {

    @Test
    void parsesEveryForm() {
        assertEquals(new Versions(3, Short.MAX_VALUE), Versions.parse("3+"));
        assertEquals(new Versions(0, 9), Versions.parse("0-9"));
        assertEquals(new Versions(5, 5), Versions.parse("5"));
        assertTrue(Versions.parse("none").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> Versions.parse("9-3"));
        assertThrows(IllegalArgumentException.class, () -> Versions.parse("x"));
        assertEquals("3+", Versions.parse("3+").toString());
        assertEquals("0-9", Versions.parse("0-9").toString());
    }

    @Test
    void conditionsOmitWhatTheContextAlreadyDecides() {
        Versions context = new Versions(3, 13);
        assertEquals("true", Versions.parse("0+").condition("v", context));
        assertEquals("false", Versions.parse("0-2").condition("v", context));
        assertEquals("v >= 9", Versions.parse("9+").condition("v", context));
        assertEquals("v <= 12", Versions.parse("0-12").condition("v", context));
        assertEquals("v >= 5 && v <= 7", Versions.parse("5-7").condition("v", context));
        assertEquals("v == 6", Versions.parse("6").condition("v", context));
    }

    @Test
    void containmentAndIntersection() {
        assertTrue(Versions.parse("0+").contains(Versions.parse("3-5")));
        assertFalse(Versions.parse("4+").contains(Versions.parse("3-5")));
        assertEquals(new Versions(4, 5), Versions.parse("4+").intersect(Versions.parse("3-5")));
        assertTrue(Versions.parse("6+").intersect(Versions.parse("3-5")).isEmpty());
    }
}
