package io.samsa.broker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The embedded defaults file is the key declarations rendered; this keeps the two from drifting. */
class DefaultPropertiesResourceTest {

    @Test
    void resourceIsTheRenderedDefinition() throws IOException {
        String expected = BrokerConfigKeys.DEFINITION.toPropertiesText("Samsa broker defaults (Kafka server.properties key names)");
        String actual;
        try (InputStream in = getClass().getResourceAsStream(BrokerConfigLoader.DEFAULTS_RESOURCE)) {
            actual = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(expected, actual, "broker/src/main/resources/samsa-default.properties is stale; replace it with"
                + " BrokerConfigKeys.DEFINITION.toPropertiesText(...) (expected text above)");
    }

    @Test
    void everyDefaultInTheResourceParsesToTheDeclaredDefault() {
        ConfigDef.Parsed parsed = BrokerConfigKeys.DEFINITION.parse(BrokerConfigLoader.embeddedDefaults());
        for (ConfigKey<?> key : BrokerConfigKeys.DEFINITION.keys()) {
            assertEquals(key.defaultValue(), parsed.get(key), key.name());
        }
        assertEquals(0, parsed.unknownKeys().size(), parsed.unknownKeys().toString());
    }
}
