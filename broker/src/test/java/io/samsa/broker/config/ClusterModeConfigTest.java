package io.samsa.broker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cluster mode is on only with controller.quorum.voters; bad combinations are refused with one clear line. */
class ClusterModeConfigTest {
    private static Map<String, String> combined(int nodeId) {
        Map<String, String> props = new HashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(nodeId));
        props.put("controller.quorum.voters", "1@127.0.0.1:9093,2@127.0.0.1:9095,3@127.0.0.1:9097");
        props.put("listeners", "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093");
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        return props;
    }

    private static String refusal(Map<String, String> props) {
        return assertThrows(ConfigException.class, () -> BrokerConfig.of(props)).getMessage();
    }

    @Test
    void withoutVotersTheBrokerIsASingleNodeWithItsDefaults() {
        BrokerConfig config = BrokerConfig.defaults();
        assertTrue(config.cluster().isEmpty());
        assertEquals(9000, config.get(BrokerConfigKeys.BROKER_SESSION_TIMEOUT_MS));
        assertEquals(2000, config.get(BrokerConfigKeys.BROKER_HEARTBEAT_INTERVAL_MS));
        assertEquals(false, config.get(BrokerConfigKeys.UNCLEAN_LEADER_ELECTION_ENABLE));
        assertEquals(1, config.get(BrokerConfigKeys.MIN_INSYNC_REPLICAS));
        assertTrue(refusal(Map.of("listeners", "PLAINTEXT://127.0.0.1:0,CONTROLLER://127.0.0.1:0"))
                .contains("only PLAINTEXT"), "a CONTROLLER listener needs voters");
    }

    @Test
    void combinedModeKeepsTheControllerListenerAwayFromTheNetworkServer() {
        BrokerConfig config = BrokerConfig.of(combined(1));
        ClusterModeConfig cluster = config.cluster().orElseThrow();
        assertEquals("CONTROLLER", cluster.controllerListenerName());
        assertTrue(cluster.isVoter());
        assertEquals("PLAINTEXT", cluster.interBrokerListener());
        assertEquals(List.of(new Endpoint("PLAINTEXT", "127.0.0.1", 9092)), config.listeners());
    }

    @Test
    void aBrokerOnlyNodeIsNoVoterAndAControllerOnlyNodeHasNoBrokerListener() {
        Map<String, String> broker = combined(4);
        broker.put("process.roles", "broker");
        broker.put("listeners", "PLAINTEXT://127.0.0.1:9099");
        BrokerConfig brokerConfig = BrokerConfig.of(broker);
        ClusterModeConfig brokerOnly = brokerConfig.cluster().orElseThrow();
        assertFalse(brokerOnly.isVoter());
        assertFalse(brokerOnly.isControllerOnly());
        assertEquals(List.of(new Endpoint("PLAINTEXT", "127.0.0.1", 9099)), brokerConfig.listeners());

        Map<String, String> controller = combined(1);
        controller.put("process.roles", "controller");
        controller.put("listeners", "CONTROLLER://127.0.0.1:9093");
        controller.remove("inter.broker.listener.name");
        ClusterModeConfig controllerOnly = BrokerConfig.of(controller).cluster().orElseThrow();
        assertTrue(controllerOnly.isVoter());
        assertTrue(controllerOnly.isControllerOnly());
    }

    @Test
    void badCombinationsAreRefusedWithOneClearLine() {
        Map<String, String> notAVoter = combined(4);
        assertTrue(refusal(notAVoter).contains("node.id 4 is not among the voters"), refusal(notAVoter));

        Map<String, String> brokerOnlyVoter = combined(1);
        brokerOnlyVoter.put("process.roles", "broker");
        brokerOnlyVoter.put("listeners", "PLAINTEXT://127.0.0.1:9092");
        assertTrue(refusal(brokerOnlyVoter).contains("has only the broker role, so it must not be a voter"),
                refusal(brokerOnlyVoter));

        Map<String, String> brokerOnlyWithController = combined(4);
        brokerOnlyWithController.put("process.roles", "broker");
        assertTrue(refusal(brokerOnlyWithController).contains("must not hold the CONTROLLER listener"),
                refusal(brokerOnlyWithController));

        Map<String, String> controllerOnlyWithBroker = combined(1);
        controllerOnlyWithBroker.put("process.roles", "controller");
        assertTrue(refusal(controllerOnlyWithBroker).contains("must hold only the CONTROLLER listener"),
                refusal(controllerOnlyWithBroker));

        Map<String, String> unknownRole = combined(1);
        unknownRole.put("process.roles", "broker,observer");
        assertTrue(refusal(unknownRole).contains("process.roles"), refusal(unknownRole));

        Map<String, String> noRoles = combined(1);
        noRoles.remove("process.roles");
        assertTrue(refusal(noRoles).contains("process.roles"), refusal(noRoles));

        Map<String, String> noControllerListener = combined(1);
        noControllerListener.put("listeners", "PLAINTEXT://127.0.0.1:9092");
        assertTrue(refusal(noControllerListener).contains("has no CONTROLLER entry"), refusal(noControllerListener));

        Map<String, String> noNames = combined(1);
        noNames.remove("controller.listener.names");
        assertTrue(refusal(noNames).contains("controller.listener.names"), refusal(noNames));

        Map<String, String> wrongPort = combined(2);
        assertTrue(refusal(wrongPort).contains("differs from this node's voter entry"), refusal(wrongPort));

        Map<String, String> unknownInterBroker = combined(1);
        unknownInterBroker.put("inter.broker.listener.name", "INTERNAL");
        assertTrue(refusal(unknownInterBroker).contains("inter.broker.listener.name"), refusal(unknownInterBroker));
    }
}
