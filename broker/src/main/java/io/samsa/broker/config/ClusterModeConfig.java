package io.samsa.broker.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The cluster-mode view of a broker's configuration (KRaft): on only when
 * {@code controller.quorum.voters} is set. Checks the combinations a node can run with, as Kafka
 * does, and refuses the rest with one clear message:
 * <ul>
 * <li>{@code broker,controller} (combined): {@code node.id} is a voter, {@code listeners} holds the
 *     CONTROLLER listener on the voter's port (bound by the metadata quorum) and at least one broker
 *     listener;</li>
 * <li>{@code broker}: {@code node.id} is not a voter, and {@code listeners} has no CONTROLLER entry
 *     (the node reads the metadata log from the controllers as an observer);</li>
 * <li>{@code controller}: {@code node.id} is a voter and {@code listeners} holds only the CONTROLLER
 *     listener (the node runs the quorum and the controller, no broker).</li>
 * </ul>
 * Splits {@code listeners} into the broker's own (bound by the network server) and the CONTROLLER
 * listener. Immutable.
 *
 * @param voters                 {@code controller.quorum.voters} entries, {@code id@host:port}
 * @param roles                  {@code process.roles}
 * @param controllerListenerName the first {@code controller.listener.names} entry
 * @param interBrokerListener    the listener other brokers reach this one on (null on a controller-only node)
 */
public record ClusterModeConfig(List<String> voters, Set<String> roles, String controllerListenerName,
                                String interBrokerListener) {
    static final String COMBINED = "broker,controller";

    public ClusterModeConfig {
        voters = List.copyOf(voters);
        roles = Set.copyOf(roles);
    }

    /** @return whether this node votes in the metadata quorum (has the controller role) */
    public boolean isVoter() {
        return roles.contains("controller");
    }

    /** @return whether this node runs only the quorum and the controller, no broker */
    public boolean isControllerOnly() {
        return !roles.contains("broker");
    }

    /** @return the cluster view, empty for a single-node broker (no voters configured) */
    static Optional<ClusterModeConfig> of(BrokerConfig config, List<Endpoint> allListeners) {
        List<String> voters = config.get(BrokerConfigKeys.CONTROLLER_QUORUM_VOTERS);
        if (voters == null || voters.isEmpty()) {
            return Optional.empty();
        }
        List<String> roleList = config.get(BrokerConfigKeys.PROCESS_ROLES);
        String rolesKey = BrokerConfigKeys.PROCESS_ROLES.name();
        if (roleList == null || roleList.isEmpty()) {
            throw ConfigException.invalidValue(rolesKey, "", "is required with controller.quorum.voters; set "
                    + rolesKey + "=" + COMBINED + ", broker or controller");
        }
        Set<String> roles = new TreeSet<>();
        for (String role : roleList) {
            String r = role.trim().toLowerCase(Locale.ROOT);
            if (!r.equals("broker") && !r.equals("controller")) {
                throw ConfigException.invalidValue(rolesKey, String.join(",", roleList), "has an unknown role '" + r
                        + "' (broker, controller)");
            }
            roles.add(r);
        }
        int nodeId = config.nodeId();
        Optional<String> self = voters.stream().filter(v -> v.trim().startsWith(nodeId + "@")).findFirst();
        String votersKey = BrokerConfigKeys.CONTROLLER_QUORUM_VOTERS.name();
        if (roles.contains("controller") && self.isEmpty()) {
            throw ConfigException.invalidValue(votersKey, String.join(",", voters), "node.id " + nodeId
                    + " is not among the voters (a node with the controller role is a voter)");
        }
        if (!roles.contains("controller") && self.isPresent()) {
            throw ConfigException.invalidValue(votersKey, String.join(",", voters), "node.id " + nodeId
                    + " has only the broker role, so it must not be a voter");
        }
        List<String> names = config.get(BrokerConfigKeys.CONTROLLER_LISTENER_NAMES);
        String namesKey = BrokerConfigKeys.CONTROLLER_LISTENER_NAMES.name();
        if (names == null || names.isEmpty()) {
            throw ConfigException.invalidValue(namesKey, "", "is required with controller.quorum.voters, e.g. "
                    + namesKey + "=CONTROLLER (with a CONTROLLER://host:port entry in listeners on a controller)");
        }
        String controllerName = names.get(0).trim().toUpperCase(Locale.ROOT);
        Optional<Endpoint> controller = allListeners.stream().filter(e -> e.listenerName().equals(controllerName))
                .findFirst();
        List<Endpoint> brokerListeners = allListeners.stream().filter(e -> !e.listenerName().equals(controllerName))
                .toList();
        String listenersKey = BrokerConfigKeys.LISTENERS.name();
        if (roles.contains("controller")) {
            if (controller.isEmpty()) {
                throw ConfigException.invalidValue(listenersKey, config.get(BrokerConfigKeys.LISTENERS), "has no "
                        + controllerName + " entry (named by " + namesKey + "); the metadata quorum binds it");
            }
            String voter = self.orElseThrow();
            int voterPort = Integer.parseInt(voter.substring(voter.lastIndexOf(':') + 1).trim());
            if (voterPort != controller.get().port()) {
                throw ConfigException.invalidValue(listenersKey, controller.get(), "the " + controllerName
                        + " port differs from this node's voter entry " + voter.trim());
            }
        } else if (controller.isPresent()) {
            throw ConfigException.invalidValue(listenersKey, config.get(BrokerConfigKeys.LISTENERS), "must not hold the "
                    + controllerName + " listener on a broker-only node (it reaches the controllers through "
                    + votersKey + ")");
        }
        if (!roles.contains("broker")) {
            if (!brokerListeners.isEmpty()) {
                throw ConfigException.invalidValue(listenersKey, config.get(BrokerConfigKeys.LISTENERS), "must hold only "
                        + "the " + controllerName + " listener on a controller-only node, not " + brokerListeners);
            }
            return Optional.of(new ClusterModeConfig(voters, roles, controllerName, null));
        }
        if (brokerListeners.isEmpty()) {
            throw ConfigException.invalidValue(listenersKey, config.get(BrokerConfigKeys.LISTENERS),
                    "has no broker listener besides " + controllerName);
        }
        String interBroker = config.get(BrokerConfigKeys.INTER_BROKER_LISTENER_NAME);
        String interBrokerName = interBroker == null ? brokerListeners.get(0).listenerName()
                : interBroker.trim().toUpperCase(Locale.ROOT);
        if (brokerListeners.stream().noneMatch(e -> e.listenerName().equals(interBrokerName))) {
            throw ConfigException.invalidValue(BrokerConfigKeys.INTER_BROKER_LISTENER_NAME.name(), interBroker,
                    "is not one of the broker listeners " + brokerListeners);
        }
        return Optional.of(new ClusterModeConfig(voters, roles, controllerName, interBrokerName));
    }

    /** @return whether {@code listener} is the one the quorum binds */
    boolean isControllerListener(Endpoint listener) {
        return listener.listenerName().equals(controllerListenerName);
    }
}
