package io.samsa.broker.api;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.samsa.broker.testing.TestHandlers;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiRegistryTest {

    @Test
    void looksUpByKeyAndRejectsUnknownOrNegativeKeys() {
        ApiHandler a = TestHandlers.echo(ApiSpec.of(3, "A", 0, 1, 99));
        ApiHandler b = TestHandlers.echo(ApiSpec.of(18, "B", 0, 4, 3));
        ApiRegistry registry = ApiRegistry.of(List.of(b, a));
        assertSame(a, registry.handler((short) 3));
        assertSame(b, registry.handler((short) 18));
        assertNull(registry.handler((short) 4));
        assertNull(registry.handler((short) 19));
        assertNull(registry.handler((short) -1));
        assertEquals(List.of(a, b), registry.handlers());
        assertNull(ApiRegistry.empty().handler((short) 0));
    }

    @Test
    void rejectsTwoHandlersForOneKey() {
        assertThrows(IllegalArgumentException.class, () -> ApiRegistry.of(List.of(
                TestHandlers.echo(ApiSpec.of(3, "A", 0, 1, 99)), TestHandlers.echo(ApiSpec.of(3, "B", 0, 1, 99)))));
    }

    @Test
    void specKnowsSupportedAndFlexibleVersions() {
        ApiSpec spec = ApiSpec.of(1, "Fetch", 4, 12, 12);
        assertEquals(false, spec.supports((short) 3));
        assertEquals(true, spec.supports((short) 12));
        assertEquals(false, spec.isFlexible((short) 11));
        assertEquals(true, spec.isFlexible((short) 13));
        assertEquals(false, ApiSpec.of(17, "SaslHandshake", 0, 1, ApiSpec.NEVER_FLEXIBLE).isFlexible((short) 1));
    }
}
