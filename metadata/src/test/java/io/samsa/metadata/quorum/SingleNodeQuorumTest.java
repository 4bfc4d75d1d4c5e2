package io.samsa.metadata.quorum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.samsa.metadata.controller.ControllerConfig;
import io.samsa.metadata.controller.api.CreatableTopic;
import io.samsa.metadata.controller.api.CreateTopicResult;
import io.samsa.metadata.controller.api.BrokerHeartbeatRequest;
import io.samsa.metadata.controller.api.RegisterBrokerRequest;
import io.samsa.metadata.controller.api.RegisterBrokerResponse;
import io.samsa.metadata.image.MetadataDelta;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.testing.Await;
import io.samsa.protocol.types.Uuid;
import io.samsa.protocol.util.Time;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker's default: no voters configured, a one-node quorum with no format step. */
class SingleNodeQuorumTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static RatisMetadataQuorum startSingle(Path dir) throws IOException {
        QuorumConfig config = QuorumConfig.fromProperties(Map.of(QuorumConfig.METADATA_LOG_DIR, dir.toString(),
                QuorumConfig.ELECTION_TIMEOUT_MS, "200"));
        assertTrue(config.isSingleNode());
        RatisMetadataQuorum quorum = new RatisMetadataQuorum(config, ControllerConfig.defaults(), Time.SYSTEM);
        quorum.start();
        Await.until(WAIT, "the single node to become the active controller", quorum::isActiveController);
        return quorum;
    }

    private static <T> T submit(RatisMetadataQuorum quorum, io.samsa.metadata.controller.ControllerOperation<T> op)
            throws Exception {
        return quorum.submit(op).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void aSingleNodeCommitsTellsListenersAndKeepsItsStateAcrossARestart(@TempDir Path dir) throws Exception {
        List<MetadataDelta> deltas = new CopyOnWriteArrayList<>();
        List<MetadataImage> images = new CopyOnWriteArrayList<>();
        String clusterId;
        MetadataImage before;
        RatisMetadataQuorum quorum = startSingle(dir);
        try {
            quorum.addListener((delta, image) -> {
                deltas.add(delta);
                images.add(image);
            });
            clusterId = quorum.clusterId();
            RegisterBrokerResponse registered = submit(quorum, (c, image, nowMs) -> c.registerBroker(image,
                    new RegisterBrokerRequest(1, clusterId, new Uuid(1, 1), List.of(), Optional.empty()), nowMs));
            submit(quorum, (c, image, nowMs) -> c.brokerHeartbeat(image,
                    new BrokerHeartbeatRequest(1, registered.brokerEpoch(), image.offset(), false, false), nowMs));
            CreateTopicResult created = submit(quorum, (c, image, nowMs) ->
                    c.createTopics(image, List.of(CreatableTopic.of("solo", 2, 1)), false)).get(0);
            assertEquals(ErrorCode.NONE, created.error().error());
            MetadataImage now = quorum.currentImage();
            assertEquals(2, now.topic("solo").partitions().size(), "answered once applied");
            MetadataDelta last = deltas.get(deltas.size() - 1);
            assertEquals(created.topicId(), last.changedTopics().keySet().iterator().next());
            assertEquals(2, last.changedTopics().get(created.topicId()).changedPartitions().size());
            assertEquals(now, images.get(images.size() - 1));
            assertEquals(quorum.leaderId(), 1);
            before = now;
        } finally {
            quorum.close();
        }

        RatisMetadataQuorum again = startSingle(dir);
        try {
            assertEquals(clusterId, again.clusterId(), "meta.properties keeps the cluster id");
            Await.until(WAIT, "the log replayed", () -> again.currentImage().equals(before));
        } finally {
            again.close();
        }
    }

    @Test
    void aLargeBatchCommits(@TempDir Path dir) throws Exception {
        RatisMetadataQuorum quorum = startSingle(dir);
        try {
            RegisterBrokerResponse registered = submit(quorum, (c, image, nowMs) -> c.registerBroker(image,
                    new RegisterBrokerRequest(1, quorum.clusterId(), new Uuid(1, 1), List.of(), Optional.empty()), nowMs));
            submit(quorum, (c, image, nowMs) -> c.brokerHeartbeat(image,
                    new BrokerHeartbeatRequest(1, registered.brokerEpoch(), image.offset(), false, false), nowMs));
            int partitions = ControllerConfig.MAX_PARTITIONS_PER_REQUEST_DEFAULT; // about 300 KB in one entry
            CreateTopicResult created = submit(quorum, (c, image, nowMs) ->
                    c.createTopics(image, List.of(CreatableTopic.of("wide", partitions, 1)), false)).get(0);
            assertEquals(ErrorCode.NONE, created.error().error());
            assertEquals(partitions, quorum.currentImage().topic("wide").partitions().size());
        } finally {
            quorum.close();
        }
    }

    @Test
    void aDirectoryOfAnotherClusterRefusesToStartWithOneLine(@TempDir Path dir) throws Exception {
        startSingle(dir).close();
        QuorumConfig other = QuorumConfig.fromProperties(Map.of(QuorumConfig.METADATA_LOG_DIR, dir.toString(),
                QuorumConfig.CLUSTER_ID, "AnotherClusterIdAAAAAA"));
        RatisMetadataQuorum wrong = new RatisMetadataQuorum(other, ControllerConfig.defaults(), Time.SYSTEM);
        IllegalStateException refused = assertThrows(IllegalStateException.class, wrong::start);
        assertTrue(refused.getMessage().contains("belongs to cluster") && !refused.getMessage().contains("\n"),
                refused.getMessage());
        wrong.close();

        IllegalArgumentException notVoter = assertThrows(IllegalArgumentException.class, () ->
                QuorumConfig.fromProperties(Map.of(QuorumConfig.NODE_ID, "4",
                        QuorumConfig.VOTERS, "1@127.0.0.1:1,2@127.0.0.1:2")));
        assertTrue(notVoter.getMessage().contains("node.id 4 has the controller role but is not in"),
                notVoter.getMessage());
    }

    @Test
    void ourNettyAndRatisShadedNettyRunSideBySide(@TempDir Path dir) throws Exception {
        ByteBuf ours = PooledByteBufAllocator.DEFAULT.directBuffer(16);
        org.apache.ratis.thirdparty.io.netty.buffer.ByteBuf theirs =
                org.apache.ratis.thirdparty.io.netty.buffer.PooledByteBufAllocator.DEFAULT.directBuffer(16);
        try {
            assertNotSame(ours.getClass(), theirs.getClass());
            ours.writeCharSequence("samsa", StandardCharsets.UTF_8);
            RatisMetadataQuorum quorum = startSingle(dir); // Ratis's gRPC over its shaded Netty
            try {
                assertEquals(ErrorCode.NONE, submit(quorum, (c, image, nowMs) -> c.alterConfigs(image,
                        io.samsa.metadata.image.ConfigResource.topic("x"), Map.of("k", Optional.of("v")))).error());
            } finally {
                quorum.close();
            }
            assertEquals("samsa", ours.toString(StandardCharsets.UTF_8));
        } finally {
            ours.release();
            theirs.release();
        }
    }
}
