package io.samsa.broker.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.broker.config.ConfigException;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** samsa.http.listener is host:port; anything else is a clean ConfigException naming the key. */
class HttpListenerAddressTest {

    @Test
    void parsesHostAndPortAndAnEmptyHost() {
        InetSocketAddress local = HttpListenerAddress.parse("127.0.0.1:9404");
        assertEquals("127.0.0.1", local.getHostString());
        assertEquals(9404, local.getPort());
        assertTrue(HttpListenerAddress.parse(":0").getAddress().isAnyLocalAddress());
    }

    @Test
    void refusesWhatIsNotHostColonPort() {
        for (String bad : new String[] {"9404", "127.0.0.1:", "127.0.0.1:port", "127.0.0.1:70000", "127.0.0.1:-1"}) {
            ConfigException e = assertThrows(ConfigException.class, () -> HttpListenerAddress.parse(bad), bad);
            assertTrue(e.getMessage().contains("samsa.http.listener"), e.getMessage());
        }
    }
}
