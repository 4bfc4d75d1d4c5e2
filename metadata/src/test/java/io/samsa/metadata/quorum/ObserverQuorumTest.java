package io.samsa.metadata.quorum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.metadata.controller.api.ApiError;
import io.samsa.metadata.controller.api.ConfigChange;
import io.samsa.metadata.controller.api.RegisterBrokerRequest;
import io.samsa.metadata.image.ConfigResource;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.metadata.records.proto.ConfigResourceType;
import io.samsa.metadata.rpc.ControllerRpcs;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.testing.Await;
import io.samsa.protocol.types.Uuid;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node without the controller role reads the metadata log from the voters' leader: it starts
 * caught up, follows every later commit, forwards controller operations, comes back from behind
 * the leader's purged log with the leader's image, and follows a new leader after the old one stopped.
 */
class ObserverQuorumTest {
    private static final int SNAPSHOT_EVERY = 20;

    @Test
    void anObserverFollowsTheLogForwardsAndCatchesUpFromTheLeadersImage(@TempDir Path root) throws Exception {
        try (TestQuorum quorum = new TestQuorum(root, 3, Map.of(
                QuorumConfig.SNAPSHOT_THRESHOLD, Integer.toString(SNAPSHOT_EVERY),
                QuorumConfig.SEGMENT_BYTES, "2048"))) {
            quorum.startAll();
            quorum.submit((c, image, nowMs) -> c.registerBroker(image, new RegisterBrokerRequest(1,
                    quorum.node(1).clusterId(), new Uuid(3, 3), List.of(), Optional.empty()), nowMs));
            quorum.writeConfigs(0, 5);
            AtomicInteger updates = new AtomicInteger();
            try (ObserverMetadataQuorum observer = quorum.startObserver(7, (delta, image) -> updates.incrementAndGet())) {
                int leader = quorum.awaitActive();
                MetadataImage atStart = quorum.node(leader).currentImage();
                assertEquals(5, observer.currentImage().configs(ConfigResource.topic("t")).size(),
                        "caught up when start returns");
                assertEquals(atStart.brokers().keySet(), observer.currentImage().brokers().keySet());
                assertTrue(updates.get() > 0, "listeners told of the image");
                assertEquals(quorum.node(leader).clusterId(), observer.clusterId());

                quorum.writeConfigs(5, 3);
                MetadataImage now = quorum.node(quorum.awaitActive()).currentImage();
                Await.until(TestQuorum.WAIT, "the observer follows new commits",
                        () -> observer.currentImage().equals(now));
                assertEquals(quorum.awaitActive(), observer.leaderId());

                ConfigResource group = new ConfigResource(ConfigResourceType.CONFIG_RESOURCE_GROUP, "from-observer");
                Map<ConfigResource, ApiError> altered = observer.forward(ControllerRpcs.alterConfigs(List.of(
                        new ConfigChange(group, Map.of("consumer.session.timeout.ms", Optional.of("50000"))))), 20_000)
                        .get(30, TimeUnit.SECONDS);
                assertEquals(Map.of(group, ApiError.NONE), altered);
                Await.until(TestQuorum.WAIT, "the observer sees what it forwarded",
                        () -> !observer.currentImage().configs(group).isEmpty());
                ExecutionException refused = assertThrows(ExecutionException.class, () -> observer.submit(
                        (c, image, nowMs) -> c.createTopics(image, List.of(), false)).get(5, TimeUnit.SECONDS));
                assertInstanceOf(MetadataQuorumException.class, refused.getCause());
                assertEquals(ErrorCode.NOT_CONTROLLER, ((MetadataQuorumException) refused.getCause()).error().error());
            }

            // enough writes that every voter snapshots and purges: a new observer starts from the leader's image
            quorum.writeConfigs(8, 4 * SNAPSHOT_EVERY);
            for (int id : quorum.running()) {
                Await.until(TestQuorum.WAIT, "a purged log on node " + id, () -> TestQuorum.files(quorum.dir(id), "log_0-").isEmpty());
            }
            try (ObserverMetadataQuorum late = quorum.startObserver(8, (delta, image) -> { })) {
                MetadataImage expected = quorum.node(quorum.awaitActive()).currentImage();
                Await.until(TestQuorum.WAIT, "the late observer holds the leader's image",
                        () -> late.currentImage().equals(expected));
                assertEquals(8 + 4 * SNAPSHOT_EVERY, late.currentImage().configs(ConfigResource.topic("t")).size());

                int oldLeader = quorum.awaitActive();
                quorum.stop(oldLeader);
                quorum.writeConfigs(1000, 2);
                MetadataImage afterFailover = quorum.node(quorum.awaitActive()).currentImage();
                Await.until(TestQuorum.WAIT, "the observer follows the new leader",
                        () -> late.currentImage().equals(afterFailover));
            }
        }
    }
}
