package io.samsa.broker.cluster;

import io.samsa.broker.config.BrokerConfig;
import io.samsa.metadata.quorum.QuorumConfig;
import io.samsa.metadata.quorum.RatisMetadataQuorum;
import io.samsa.metadata.quorum.VoterAddress;
import io.samsa.protocol.util.Time;
import java.io.IOException;

/**
 * A controller-only node ({@code process.roles=controller}): a voter of the metadata quorum that
 * can become the active controller, with no broker: it binds only its CONTROLLER listener (the
 * quorum's port), never registers as a broker and holds no partitions, as Kafka's controller-only
 * nodes. Thread-safe.
 */
public final class ControllerNode implements AutoCloseable {
    private final RatisMetadataQuorum quorum;
    private final VoterAddress address;

    private ControllerNode(RatisMetadataQuorum quorum, VoterAddress address) {
        this.quorum = quorum;
        this.address = address;
    }

    /** Starts the voter; returns once it replayed its own log (it serves once the quorum has a majority). */
    public static ControllerNode start(BrokerConfig config, Time time) throws IOException {
        QuorumConfig settings = QuorumSettings.quorum(config);
        RatisMetadataQuorum quorum = new RatisMetadataQuorum(settings, QuorumSettings.controller(config), time);
        try {
            quorum.start();
        } catch (IOException | RuntimeException e) {
            quorum.close();
            throw e;
        }
        return new ControllerNode(quorum, settings.self());
    }

    /** @return the quorum this node votes in */
    public RatisMetadataQuorum quorum() {
        return quorum;
    }

    /** @return {@code host:port} of the CONTROLLER listener */
    public String address() {
        return address.host() + ":" + address.port();
    }

    @Override
    public void close() {
        quorum.close();
    }
}
