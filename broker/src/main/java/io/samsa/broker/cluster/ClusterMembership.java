package io.samsa.broker.cluster;

import io.samsa.broker.config.BrokerConfig;
import io.samsa.broker.config.BrokerConfigKeys;
import io.samsa.broker.lifecycle.BrokerComponent;
import io.samsa.metadata.controller.api.BrokerHeartbeatRequest;
import io.samsa.metadata.controller.api.BrokerHeartbeatResponse;
import io.samsa.metadata.controller.api.RegisterBrokerRequest;
import io.samsa.metadata.controller.api.RegisterBrokerResponse;
import io.samsa.metadata.image.Endpoint;
import io.samsa.metadata.quorum.MetadataQuorum;
import io.samsa.metadata.quorum.ObserverMetadataQuorum;
import io.samsa.metadata.quorum.RatisMetadataQuorum;
import io.samsa.metadata.rpc.ControllerRpcs;
import io.samsa.protocol.types.Uuid;
import io.samsa.protocol.util.Time;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node in the cluster (combined mode): runs its metadata quorum voter, registers the broker
 * with the active controller (a new incarnation id per start, its advertised endpoints), sends a
 * heartbeat every {@code broker.heartbeat.interval.ms} (one at a time, on its own scheduler thread,
 * never on an event loop) and registers again when the controller no longer knows the
 * registration. The controller unfences the broker once it has caught up with the log. On close:
 * a controlled shutdown (heartbeats asking to shut down until the controller has moved the
 * broker's leaderships and fenced it, bounded by {@code samsa.shutdown.timeout.ms}), then the
 * quorum stops.
 *
 * <p>Thread-safety: state is touched only on the scheduler thread, except the volatile flags read
 * by accessors.
 */
public final class ClusterMembership implements BrokerComponent {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterMembership.class);

    private final BrokerConfig config;
    private final Time time;
    private final Supplier<List<io.samsa.broker.config.Endpoint>> advertised;
    private final int brokerId;
    /** The heartbeat interval while the controller keeps this broker fenced (waiting for it to catch up). */
    static final long FENCED_HEARTBEAT_MS = 100;
    private final long heartbeatIntervalMs;
    private final long requestTimeoutMs;
    private final Uuid incarnationId = Uuid.random();
    private ScheduledExecutorService scheduler;
    private MetadataQuorum quorum;
    private volatile long brokerEpoch = -1;
    private volatile boolean fenced = true;
    private volatile boolean shuttingDown;

    /** @param advertised the broker's advertised endpoints, available once its listeners are bound */
    public ClusterMembership(BrokerConfig config, Time time, Supplier<List<io.samsa.broker.config.Endpoint>> advertised) {
        this.config = config;
        this.time = time;
        this.advertised = advertised;
        this.brokerId = config.nodeId();
        this.heartbeatIntervalMs = config.get(BrokerConfigKeys.BROKER_HEARTBEAT_INTERVAL_MS);
        this.requestTimeoutMs = config.get(BrokerConfigKeys.CONTROLLER_QUORUM_REQUEST_TIMEOUT_MS);
    }

    @Override
    public String name() {
        return "cluster membership";
    }

    @Override
    public void start() throws Exception {
        quorum = config.cluster().orElseThrow().isVoter()
                ? new RatisMetadataQuorum(QuorumSettings.quorum(config), QuorumSettings.controller(config), time)
                : new ObserverMetadataQuorum(QuorumSettings.quorum(config), time);
        try {
            quorum.start();
        } catch (Exception e) {
            quorum.close();
            throw e;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "samsa-broker-heartbeat-" + brokerId);
            thread.setDaemon(true);
            return thread;
        });
        schedule(this::register, 0);
    }

    /** @return the node's metadata quorum (running after start) */
    public MetadataQuorum quorum() {
        return quorum;
    }

    /** @return whether the controller has this broker registered and unfenced, as the last heartbeat said */
    public boolean isUnfenced() {
        return brokerEpoch >= 0 && !fenced;
    }

    /** @return this start's incarnation id (a new one per process start) */
    public Uuid incarnationId() {
        return incarnationId;
    }

    /** @return the epoch of this start's registration, -1 before it is registered */
    public long brokerEpoch() {
        return brokerEpoch;
    }

    private void schedule(Runnable step, long delayMs) {
        if (!shuttingDown && !scheduler.isShutdown()) {
            try {
                scheduler.schedule(step, delayMs, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                LOG.debug("broker {}: scheduler stopped", brokerId);
            }
        }
    }

    private void register() {
        List<Endpoint> endpoints;
        try {
            String controllerName = config.cluster().orElseThrow().controllerListenerName();
            endpoints = advertised.get().stream().filter(e -> !e.listenerName().equals(controllerName))
                    .map(e -> new Endpoint(e.listenerName(), e.host(), e.port(),
                    "PLAINTEXT")).toList();
        } catch (RuntimeException notBoundYet) {
            schedule(this::register, Math.min(heartbeatIntervalMs, 100));
            return;
        }
        String clusterId = quorum.clusterId();
        String rack = config.get(BrokerConfigKeys.BROKER_RACK);
        RegisterBrokerRequest request = new RegisterBrokerRequest(brokerId, clusterId, incarnationId, endpoints,
                rack == null || rack.isEmpty() ? Optional.empty() : Optional.of(rack));
        quorum.forward(ControllerRpcs.registerBroker(request), requestTimeoutMs + heartbeatIntervalMs)
                .whenComplete((response, error) -> onRegistered(response, error));
    }

    private void onRegistered(RegisterBrokerResponse response, Throwable error) {
        if (error != null || response.error().isError()) {
            LOG.info("broker {}: registration not accepted yet ({}); trying again", brokerId,
                    error != null ? error.getMessage() : response.error().message());
            schedule(this::register, heartbeatIntervalMs);
            return;
        }
        brokerEpoch = response.brokerEpoch();
        LOG.info("broker {} registered with epoch {} (incarnation {})", brokerId, brokerEpoch, incarnationId);
        schedule(this::heartbeat, 0);
    }

    private CompletableFuture<BrokerHeartbeatResponse> sendHeartbeat(boolean wantShutDown, long timeoutMs) {
        BrokerHeartbeatRequest request = new BrokerHeartbeatRequest(brokerId, brokerEpoch,
                quorum.currentImage().offset(), false, wantShutDown);
        return quorum.forward(ControllerRpcs.brokerHeartbeat(request), timeoutMs);
    }

    private void heartbeat() {
        sendHeartbeat(false, Math.max(requestTimeoutMs, heartbeatIntervalMs)).whenComplete((response, error) -> {
            if (error != null) {
                LOG.info("broker {}: heartbeat failed ({}); next in {} ms", brokerId, error.getMessage(),
                        heartbeatIntervalMs);
                schedule(this::heartbeat, heartbeatIntervalMs);
            } else if (response.error().isError()) {
                LOG.info("broker {}: heartbeat refused ({}); registering again", brokerId, response.error().message());
                brokerEpoch = -1;
                schedule(this::register, 0);
            } else {
                if (fenced && !response.isFenced()) {
                    LOG.info("broker {} is unfenced", brokerId);
                }
                fenced = response.isFenced();
                // a fenced broker is unfenced by the first heartbeat that finds it caught up: ask often
                // until then (Kafka's broker does too), so a restarted broker leads and joins ISRs sooner
                schedule(this::heartbeat, fenced ? Math.min(heartbeatIntervalMs, FENCED_HEARTBEAT_MS) : heartbeatIntervalMs);
            }
        });
    }

    /** Asks the controller to fence this broker and move its leaderships away, within the deadline. */
    private void controlledShutdown(long deadlineMs) {
        while (brokerEpoch >= 0) {
            long remaining = deadlineMs - time.milliseconds();
            if (remaining <= 0) {
                LOG.warn("broker {}: controlled shutdown not confirmed in time; stopping anyway", brokerId);
                return;
            }
            try {
                BrokerHeartbeatResponse response = sendHeartbeat(true, remaining).get(remaining + requestTimeoutMs,
                        TimeUnit.MILLISECONDS);
                if (response.error().isError() || response.shouldShutDown()) {
                    LOG.info("broker {}: controlled shutdown done", brokerId);
                    return;
                }
                // the controller is still moving leaderships away: ask again after the backoff
                TimeUnit.MILLISECONDS.sleep(Math.min(remaining, config.get(
                        BrokerConfigKeys.CONTROLLER_QUORUM_RETRY_BACKOFF_MS)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.warn("broker {}: controlled shutdown failed ({}); stopping anyway", brokerId, e.getMessage());
                return;
            }
        }
    }

    @Override
    public void close() throws Exception {
        shuttingDown = true;
        scheduler.shutdownNow();
        scheduler.awaitTermination(requestTimeoutMs, TimeUnit.MILLISECONDS);
        controlledShutdown(time.milliseconds() + config.get(BrokerConfigKeys.SHUTDOWN_TIMEOUT_MS));
        quorum.close();
    }
}
