package io.samsa.broker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigDefTest {

    @Test
    void parsesTypedValuesAndAppliesDefaults() {
        ConfigDef def = new ConfigDef();
        ConfigKey<Integer> count = def.define("count", ConfigType.INT, 3, Validator.between(1, 10), "a count");
        ConfigKey<Long> big = def.define("big", ConfigType.LONG, 1L, Validator.any(), "a long");
        ConfigKey<List<String>> names = def.define("names", ConfigType.LIST, List.of(), Validator.any(), "names");
        ConfigKey<String> mode = def.defineOptional("mode", ConfigType.STRING, Validator.oneOf("a", "b"), "mode");

        ConfigDef.Parsed parsed = def.parse(Map.of("big", " 9000000000 ", "names", "x, y,,z", "extra", "1"));
        assertEquals(3, parsed.get(count));
        assertEquals(9_000_000_000L, parsed.get(big));
        assertEquals(List.of("x", "y", "z"), parsed.get(names));
        assertNull(parsed.get(mode));
        assertEquals(List.of("extra"), parsed.unknownKeys());
        assertTrue(parsed.explicitlySet().contains(big));
    }

    @Test
    void rejectsDuplicateKeysAndInvalidDefaults() {
        ConfigDef def = new ConfigDef();
        def.define("a", ConfigType.INT, 1, Validator.any(), "a");
        assertThrows(IllegalArgumentException.class, () -> def.define("a", ConfigType.INT, 1, Validator.any(), "again"));
        assertThrows(ConfigException.class, () -> def.define("b", ConfigType.INT, 0, Validator.atLeast(1), "bad default"));
    }

    @Test
    void validatorMessagesSayWhatIsAllowed() {
        ConfigDef def = new ConfigDef();
        def.define("ratio", ConfigType.INT, 5, Validator.between(1, 10), "r");
        ConfigException e = assertThrows(ConfigException.class, () -> def.parse(Map.of("ratio", "11")));
        assertEquals("Invalid value '11' for configuration key ratio: must be between 1 and 10", e.getMessage());
    }
}
