package io.samsa.broker.config;

import java.util.List;
import java.util.Optional;

/**
 * The cluster-mode view of a broker's configuration (KRaft combined mode): on only when
 * {@code controller.quorum.voters} is set. Checks the combinations a node can run with and refuses
 * the rest with one clear message; splits {@code listeners} into the broker's own (bound by the
 * network server) and the CONTROLLER listener (bound by the metadata quorum). Immutable.
 *
 * @param voters            {@code controller.quorum.voters} entries, {@code id@host:port}
 * @param controllerListener the first {@code controller.listener.names} entry's endpoint in {@code listeners}
 * @param interBrokerListener the listener other brokers reach this one on
 */
public record ClusterModeConfig(List<String> voters, Endpoint controllerListener, String interBrokerListener) {
    static final String COMBINED = "broker,controller";

    /** @return the cluster view, empty for a single-node broker (no voters configured) */
    static Optional<ClusterModeConfig> of(BrokerConfig config, List<Endpoint> allListeners) {
        List<String> voters = config.get(BrokerConfigKeys.CONTROLLER_QUORUM_VOTERS);
        if (voters == null || voters.isEmpty()) {
            return Optional.empty();
        }
        List<String> roles = config.get(BrokerConfigKeys.PROCESS_ROLES);
        String rolesKey = BrokerConfigKeys.PROCESS_ROLES.name();
        if (roles == null || roles.isEmpty()) {
            throw ConfigException.invalidValue(rolesKey, "", "is required with controller.quorum.voters; set "
                    + rolesKey + "=" + COMBINED);
        }
        if (!roles.contains("controller")) {
            throw ConfigException.invalidValue(rolesKey, String.join(",", roles), "a broker-only node is not supported"
                    + " yet (it would follow the metadata log as a non-voting observer); use " + rolesKey + "="
                    + COMBINED);
        }
        if (!roles.contains("broker")) {
            throw ConfigException.invalidValue(rolesKey, String.join(",", roles), "a controller-only node is not"
                    + " supported yet; use " + rolesKey + "=" + COMBINED);
        }
        int nodeId = config.nodeId();
        String self = voters.stream().filter(v -> v.trim().startsWith(nodeId + "@")).findFirst().orElseThrow(() ->
                ConfigException.invalidValue(BrokerConfigKeys.CONTROLLER_QUORUM_VOTERS.name(), String.join(",", voters),
                        "node.id " + nodeId + " is not among the voters (combined mode makes every node a voter)"));
        List<String> names = config.get(BrokerConfigKeys.CONTROLLER_LISTENER_NAMES);
        String namesKey = BrokerConfigKeys.CONTROLLER_LISTENER_NAMES.name();
        if (names == null || names.isEmpty()) {
            throw ConfigException.invalidValue(namesKey, "", "is required with controller.quorum.voters, e.g. "
                    + namesKey + "=CONTROLLER with a CONTROLLER://host:port entry in listeners");
        }
        String controllerName = names.get(0).trim().toUpperCase(java.util.Locale.ROOT);
        Endpoint controller = allListeners.stream().filter(e -> e.listenerName().equals(controllerName)).findFirst()
                .orElseThrow(() -> ConfigException.invalidValue(BrokerConfigKeys.LISTENERS.name(),
                        config.get(BrokerConfigKeys.LISTENERS), "has no " + controllerName + " entry (named by "
                                + namesKey + "); the metadata quorum binds it"));
        int voterPort = Integer.parseInt(self.substring(self.lastIndexOf(':') + 1).trim());
        if (voterPort != controller.port()) {
            throw ConfigException.invalidValue(BrokerConfigKeys.LISTENERS.name(), controller, "the " + controllerName
                    + " port differs from this node's voter entry " + self.trim());
        }
        List<Endpoint> brokerListeners = allListeners.stream().filter(e -> !e.listenerName().equals(controllerName))
                .toList();
        if (brokerListeners.isEmpty()) {
            throw ConfigException.invalidValue(BrokerConfigKeys.LISTENERS.name(), config.get(BrokerConfigKeys.LISTENERS),
                    "has no broker listener besides " + controllerName);
        }
        String interBroker = config.get(BrokerConfigKeys.INTER_BROKER_LISTENER_NAME);
        String interBrokerName = interBroker == null ? brokerListeners.get(0).listenerName()
                : interBroker.trim().toUpperCase(java.util.Locale.ROOT);
        if (brokerListeners.stream().noneMatch(e -> e.listenerName().equals(interBrokerName))) {
            throw ConfigException.invalidValue(BrokerConfigKeys.INTER_BROKER_LISTENER_NAME.name(), interBroker,
                    "is not one of the broker listeners " + brokerListeners);
        }
        return Optional.of(new ClusterModeConfig(List.copyOf(voters), controller, interBrokerName));
    }

    /** @return whether {@code listener} is the one the quorum binds */
    boolean isControllerListener(Endpoint listener) {
        return listener.listenerName().equals(controllerListener.listenerName());
    }
}
