package io.samsa.metadata.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.samsa.metadata.controller.api.ApiError;
import io.samsa.metadata.controller.api.BrokerHeartbeatRequest;
import io.samsa.metadata.controller.api.BrokerHeartbeatResponse;
import io.samsa.metadata.controller.api.CreatableTopic;
import io.samsa.metadata.controller.api.CreateTopicResult;
import io.samsa.metadata.controller.api.RegisterBrokerRequest;
import io.samsa.metadata.controller.api.RegisterBrokerResponse;
import io.samsa.metadata.image.Endpoint;
import io.samsa.metadata.image.MetadataDelta;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.metadata.image.PartitionRegistration;
import io.samsa.metadata.records.proto.MetadataRecord;
import io.samsa.protocol.types.Uuid;
import io.samsa.protocol.util.ManualTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Drives a {@link MetadataController} as the quorum would, without Ratis: every result's records
 * are "committed" at once by replaying them into the image (one batch per result), on a manual
 * clock. {@link #sleep} advances time and runs the fence timer. Not thread-safe.
 */
final class ControllerTestContext {
    static final String CLUSTER_ID = "test-cluster-id-000000";

    final ManualTime time = new ManualTime();
    final MetadataController controller;
    final List<List<MetadataRecord>> log = new ArrayList<>();
    final Map<Integer, Uuid> incarnations = new HashMap<>();
    private final Map<Integer, String> racks = new HashMap<>();
    final Map<Integer, Long> epochs = new HashMap<>();
    MetadataImage image = MetadataImage.EMPTY;
    private long nextTopicId;
    private long nextIncarnation = 1000;

    ControllerTestContext() {
        this(ControllerConfig.defaults());
    }

    ControllerTestContext(ControllerConfig config) {
        controller = new MetadataController(config, () -> new Uuid(42, ++nextTopicId));
        commit(controller.activate(image, CLUSTER_ID, nowMs()));
    }

    long nowMs() {
        return time.milliseconds();
    }

    /** Commits the result's records as one batch and returns its response. */
    <T> T commit(ControllerResult<T> result) {
        if (!result.records().isEmpty()) {
            MetadataDelta delta = image.newDelta();
            result.records().forEach(delta::replay);
            image = delta.apply(image.offset() + 1, 1);
            log.add(result.records());
        }
        return result.response();
    }

    /** Registers a new incarnation of {@code brokerId} and unfences it with a heartbeat. */
    long startBroker(int brokerId) {
        RegisterBrokerResponse response = register(brokerId, newIncarnation(brokerId));
        assertFalse(response.error().isError(), response.error().toString());
        BrokerHeartbeatResponse heartbeat = heartbeat(brokerId, false);
        assertEquals(ApiError.NONE, heartbeat.error());
        assertFalse(heartbeat.isFenced());
        return response.brokerEpoch();
    }

    /** Broker {@code brokerId} registers with {@code broker.rack} = {@code rack} from now on. */
    void rack(int brokerId, String rack) {
        racks.put(brokerId, rack);
    }

    Uuid newIncarnation(int brokerId) {
        Uuid id = new Uuid(7, nextIncarnation++);
        incarnations.put(brokerId, id);
        return id;
    }

    RegisterBrokerResponse register(int brokerId, Uuid incarnation) {
        RegisterBrokerResponse response = commit(controller.registerBroker(image, new RegisterBrokerRequest(brokerId,
                CLUSTER_ID, incarnation, List.of(new Endpoint("PLAINTEXT", "localhost", 9000 + brokerId, "PLAINTEXT")),
                Optional.ofNullable(racks.get(brokerId))), nowMs()));
        if (!response.error().isError()) {
            epochs.put(brokerId, response.brokerEpoch());
        }
        return response;
    }

    BrokerHeartbeatResponse heartbeat(int brokerId, boolean wantFence) {
        return commit(controller.brokerHeartbeat(image,
                new BrokerHeartbeatRequest(brokerId, epochs.get(brokerId), image.offset(), wantFence, false), nowMs()));
    }

    /** Heartbeats from every broker in {@code brokerIds} (keeping them unfenced). */
    void heartbeatAll(int... brokerIds) {
        for (int id : brokerIds) {
            heartbeat(id, false);
        }
    }

    /** Advances the clock and runs the fence timer. @return the brokers fenced */
    List<Integer> sleep(long ms) {
        time.advance(ms);
        return commit(controller.fenceExpiredBrokers(image, nowMs()));
    }

    CreateTopicResult createTopic(String name, int partitions, int replicationFactor) {
        return commit(controller.createTopics(image, List.of(CreatableTopic.of(name, partitions, replicationFactor)),
                false)).get(0);
    }

    PartitionRegistration partition(String topic, int index) {
        return image.topic(topic).partition(index);
    }

    Uuid topicId(String topic) {
        return image.topic(topic).id();
    }
}
