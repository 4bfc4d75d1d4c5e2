package io.samsa.broker.cluster;

import io.samsa.broker.config.BrokerConfig;
import io.samsa.metadata.controller.ControllerConfig;
import io.samsa.metadata.quorum.QuorumConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The metadata quorum's and the controller's settings, read from the broker's (same Kafka keys). Stateless. */
final class QuorumSettings {
    private QuorumSettings() {
    }

    static Map<String, String> properties(BrokerConfig config) {
        Map<String, String> props = new HashMap<>(config.toTextMap());
        props.put(QuorumConfig.NODE_ID, Integer.toString(config.nodeId()));
        props.put("log.dirs", config.logDirs().stream().map(Path::toString).collect(Collectors.joining(",")));
        return props;
    }

    static QuorumConfig quorum(BrokerConfig config) {
        return QuorumConfig.fromProperties(properties(config));
    }

    static ControllerConfig controller(BrokerConfig config) {
        return ControllerConfig.fromProperties(properties(config));
    }
}
