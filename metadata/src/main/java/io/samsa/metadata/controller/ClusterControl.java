package io.samsa.metadata.controller;

import io.samsa.metadata.controller.api.ApiError;
import io.samsa.metadata.controller.api.BrokerHeartbeatRequest;
import io.samsa.metadata.controller.api.BrokerHeartbeatResponse;
import io.samsa.metadata.controller.api.RegisterBrokerRequest;
import io.samsa.metadata.controller.api.RegisterBrokerResponse;
import io.samsa.metadata.image.BrokerRegistration;
import io.samsa.metadata.image.ImageRecords;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.metadata.records.MetadataRecords;
import io.samsa.metadata.records.proto.MetadataRecord;
import io.samsa.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.List;

/**
 * Broker membership: registration (BrokerRegistration), heartbeats (BrokerHeartbeat), and fencing
 * of brokers whose session expired. A new registration starts fenced; the broker's first heartbeat
 * that does not ask to stay fenced, sent once it has applied the metadata log up to its own
 * registration ({@code currentMetadataOffset >= registeredOffset}, as Kafka's), unfences it. Fencing and unfencing carry the partition changes
 * of {@link LeaderMoves} in the same batch, so the image never shows a fenced leader.
 *
 * <p>Not thread-safe: the controller thread owns it (its session table is soft state).
 */
final class ClusterControl {
    private final ControllerConfig config;
    private final BrokerSessions sessions;

    ClusterControl(ControllerConfig config) {
        this.config = config;
        this.sessions = new BrokerSessions(config.sessionTimeoutMs());
    }

    /** A new active controller: every registered broker gets a fresh session as of {@code nowMs}. */
    void activate(MetadataImage image, long nowMs, int lostLeaderId, long lostLeaderSilenceMs) {
        sessions.reset(image.brokers().keySet(), nowMs);
        if (image.brokers().containsKey(lostLeaderId)) {
            sessions.touch(lostLeaderId, nowMs - Math.max(0, lostLeaderSilenceMs));
        }
    }

    ControllerResult<RegisterBrokerResponse> register(MetadataImage image, RegisterBrokerRequest request, long nowMs) {
        String clusterId = image.clusterId().orElse(null);
        if (clusterId != null && !clusterId.equals(request.clusterId())) {
            return rejected(ErrorCode.INCONSISTENT_CLUSTER_ID, "Expected cluster ID " + clusterId
                    + ", but got cluster ID " + request.clusterId());
        }
        if (!config.allowedBrokerIds().isEmpty() && !config.allowedBrokerIds().contains(request.brokerId())) {
            return rejected(ErrorCode.INVALID_REGISTRATION, "Broker ID " + request.brokerId()
                    + " is not one of this cluster's brokers (" + ControllerConfig.ALLOWED_BROKER_IDS + "="
                    + config.allowedBrokerIds() + ")");
        }
        BrokerRegistration existing = image.broker(request.brokerId());
        if (existing != null && existing.incarnationId().equals(request.incarnationId())) {
            sessions.touch(request.brokerId(), nowMs); // a retried registration: same process, same epoch
            return ControllerResult.withoutRecords(new RegisterBrokerResponse(ApiError.NONE, existing.epoch()));
        }
        if (existing != null && !existing.fenced() && sessions.hasLiveSession(existing.id(), nowMs)) {
            return rejected(ErrorCode.DUPLICATE_BROKER_REGISTRATION, "Another broker is registered with that broker id.");
        }
        long epoch = image.lastBrokerEpoch() + 1;
        List<MetadataRecord> records = new ArrayList<>();
        if (existing != null && !existing.fenced()) {
            // the old incarnation is gone (its session expired): its leaderships move first
            LeaderMoves.onFenced(image, existing.id(), config.uncleanLeaderElection(), records);
        }
        records.add(MetadataRecords.registerBroker(request.brokerId(), request.incarnationId(), epoch,
                ImageRecords.endpoints(request.endpoints()), request.rack().orElse(""), true));
        sessions.touch(request.brokerId(), nowMs);
        return ControllerResult.of(records, new RegisterBrokerResponse(ApiError.NONE, epoch));
    }

    private static ControllerResult<RegisterBrokerResponse> rejected(ErrorCode error, String message) {
        return ControllerResult.withoutRecords(new RegisterBrokerResponse(ApiError.of(error, message), -1));
    }

    ControllerResult<BrokerHeartbeatResponse> heartbeat(MetadataImage image, BrokerHeartbeatRequest request, long nowMs) {
        BrokerRegistration broker = image.broker(request.brokerId());
        ApiError epochError = checkBrokerEpoch(image, request.brokerId(), request.brokerEpoch());
        if (epochError.isError()) {
            return ControllerResult.withoutRecords(new BrokerHeartbeatResponse(epochError, false, true, false));
        }
        sessions.touch(broker.id(), nowMs);
        List<MetadataRecord> records = new ArrayList<>();
        boolean fenced = broker.fenced();
        boolean caughtUp = request.currentMetadataOffset() >= broker.registeredOffset();
        if (request.wantShutDown() || request.wantFence()) {
            if (!fenced) {
                LeaderMoves.onFenced(image, broker.id(), config.uncleanLeaderElection(), records);
                records.add(MetadataRecords.fenceBroker(broker.id(), broker.epoch()));
                fenced = true;
            }
        } else if (fenced && caughtUp) {
            records.add(MetadataRecords.unfenceBroker(broker.id(), broker.epoch()));
            LeaderMoves.onUnfenced(image, broker.id(), config.uncleanLeaderElection(), records);
            fenced = false;
        }
        return ControllerResult.of(records, new BrokerHeartbeatResponse(ApiError.NONE, caughtUp, fenced,
                request.wantShutDown()));
    }

    /** @return NONE when {@code brokerId} is registered with {@code brokerEpoch}, Kafka's error otherwise */
    static ApiError checkBrokerEpoch(MetadataImage image, int brokerId, long brokerEpoch) {
        BrokerRegistration broker = image.broker(brokerId);
        if (broker == null) {
            return ApiError.of(ErrorCode.BROKER_ID_NOT_REGISTERED, "Broker ID " + brokerId + " is not currently registered");
        }
        if (broker.epoch() != brokerEpoch) {
            return ApiError.of(ErrorCode.STALE_BROKER_EPOCH, "Expected broker epoch " + broker.epoch()
                    + ", but got broker epoch " + brokerEpoch);
        }
        return ApiError.NONE;
    }

    /**
     * The fence timer's work: fences every unfenced broker whose session expired by {@code nowMs},
     * moving its leaderships, each fencing seeing the ones before it.
     *
     * @return the records, and the ids of the brokers fenced
     */
    ControllerResult<List<Integer>> fenceExpired(MetadataImage image, long nowMs) {
        List<Integer> unfenced = image.brokers().values().stream().filter(b -> !b.fenced())
                .map(BrokerRegistration::id).sorted().toList();
        List<Integer> expired = sessions.expired(unfenced, nowMs);
        List<MetadataRecord> records = new ArrayList<>();
        MetadataImage view = image;
        for (int brokerId : expired) {
            List<MetadataRecord> forBroker = new ArrayList<>();
            LeaderMoves.onFenced(view, brokerId, config.uncleanLeaderElection(), forBroker);
            forBroker.add(MetadataRecords.fenceBroker(brokerId, view.broker(brokerId).epoch()));
            view = Images.withRecords(view, forBroker);
            records.addAll(forBroker);
        }
        return ControllerResult.of(records, expired);
    }
}
