package io.samsa.client.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.samsa.client.errors.ConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Raw value parsing per type, with Kafka's leniency (strings trimmed, ints widen to long). */
class ConfigTypeTest {

    @Test
    void parsesStringsAndJavaValues() {
        assertEquals(5, ConfigType.INT.parse("k", " 5 "));
        assertEquals(5L, ConfigType.LONG.parse("k", 5));
        assertEquals(true, ConfigType.BOOLEAN.parse("k", "TRUE"));
        assertEquals(2.5, ConfigType.DOUBLE.parse("k", "2.5"));
        assertEquals(List.of("a", "b"), ConfigType.LIST.parse("k", "a, b"));
        assertEquals(List.of(), ConfigType.LIST.parse("k", ""));
        assertEquals(String.class, ConfigType.CLASS.parse("k", "java.lang.String"));
        assertEquals((short) 3, ConfigType.SHORT.parse("k", "3"));
    }

    @Test
    void badValuesNameTheKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigType.INT.parse("batch.size", "big"));
        assertEquals("batch.size", e.name());
        assertThrows(ConfigException.class, () -> ConfigType.INT.parse("k", "99999999999"));
        assertThrows(ConfigException.class, () -> ConfigType.BOOLEAN.parse("k", "maybe"));
        assertThrows(ConfigException.class, () -> ConfigType.STRING.parse("k", 5));
        assertThrows(ConfigException.class, () -> ConfigType.CLASS.parse("k", new Object()));
    }

    @Test
    void definitionRejectsBadDefaultsAndDuplicates() {
        assertThrows(ConfigException.class,
            () -> new ConfigDef().define("x", ConfigType.INT, -1, Validators.atLeast(0), "doc"));
        assertThrows(IllegalArgumentException.class,
            () -> new ConfigDef().define("x", ConfigType.INT, 1, "doc").define("x", ConfigType.INT, 1, "doc"));
    }
}
