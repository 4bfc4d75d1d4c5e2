package io.samsa.broker.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.broker.config.BrokerConfig;
import io.samsa.broker.group.configs.GroupConfigManager;
import io.samsa.broker.group.configs.InMemoryGroupConfigStore;
import io.samsa.broker.metadata.ConfigAlteration;
import io.samsa.broker.replication.FollowerSync;
import io.samsa.broker.replication.ReplicaManager;
import io.samsa.broker.replication.ReplicationConfig;
import io.samsa.broker.topics.PartitionLogsListener;
import io.samsa.broker.topics.Topic;
import io.samsa.broker.topics.TopicLogConfigs;
import io.samsa.broker.topics.TopicRegistry;
import io.samsa.broker.topics.TopicStore;
import io.samsa.metadata.image.BrokerRegistration;
import io.samsa.metadata.image.ConfigResource;
import io.samsa.metadata.image.MetadataDelta;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.metadata.image.PartitionRegistration;
import io.samsa.metadata.image.TopicImage;
import io.samsa.metadata.records.proto.ConfigResourceType;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.types.Uuid;
import io.samsa.protocol.util.ManualTime;
import io.samsa.storage.LogConfig;
import io.samsa.storage.LogManager;
import io.samsa.storage.LogManagerConfig;
import io.samsa.storage.PartitionLog;
import io.samsa.storage.TopicPartition;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broker 1's data side driven by images the test publishes: the registry mirrors topics with the
 * image's ids and configs, only the partitions placed here get logs and roles (an offline one a
 * role nobody leads), images applied before the applier started are not missed, and once this
 * incarnation is unfenced the leftovers from before a restart (a topic the image dropped, a
 * partition moved away) leave the registry and the disk.
 */
class MetadataImageApplierTest {
    private static final int SELF = 1;
    private static final Uuid INCARNATION = new Uuid(9, 9);
    private static final Uuid KEPT = new Uuid(1, 1);
    private static final Uuid MOVED = new Uuid(2, 2);

    @TempDir
    Path dataDir;
    @TempDir
    Path logDir;
    private final FakeMetadataQuorum quorum = new FakeMetadataQuorum();
    private final List<String> follows = new CopyOnWriteArrayList<>();
    private TopicRegistry registry;
    private LogManager logs;
    private ReplicaManager replicas;
    private MetadataImageApplier applier;
    private GroupConfigManager groupConfigs;

    @BeforeEach
    void setUp() {
        registry = new TopicRegistry(new TopicStore(dataDir), 100);
        logs = new LogManager(LogManagerConfig.fromMap(Map.of("log.dirs", logDir.toString())),
                new TopicLogConfigs(registry, LogConfig.DEFAULT), new ManualTime());
        logs.startup(false);
        registry.addListener(new PartitionLogsListener(logs, partition -> false));
        replicas = new ReplicaManager(ReplicationConfig.defaults(SELF), new ManualTime(), () -> logs,
                (partition, change) -> new java.util.concurrent.CompletableFuture<>());
        replicas.followerSync(new FollowerSync() {
            @Override
            public void follow(TopicPartition partition, PartitionLog log, int leaderId, int leaderEpoch) {
                follows.add("follow " + partition + " " + leaderId);
            }

            @Override
            public void unfollow(TopicPartition partition) {
                follows.add("unfollow " + partition);
            }
        });
        groupConfigs = new GroupConfigManager(BrokerConfig.defaults(), new InMemoryGroupConfigStore());
        applier = new MetadataImageApplier(SELF, () -> quorum, () -> INCARNATION, new TopicMirror(registry),
                new GroupConfigMirror(groupConfigs), new ReplicaManagerRoles(replicas, () -> logs), () -> logs);
    }

    @AfterEach
    void tearDown() {
        applier.close();
        logs.close();
    }

    private static PartitionRegistration partition(int leader, int... replicas) {
        return new PartitionRegistration(replicas, replicas, new int[0], new int[0], leader, 3, 4);
    }

    private static MetadataImage image(long offset, boolean selfFenced, Map<Uuid, TopicImage> topics) {
        return image(offset, selfFenced, topics, "1000");
    }

    private static MetadataImage image(long offset, boolean selfFenced, Map<Uuid, TopicImage> topics, String retentionMs) {
        Map<String, Uuid> names = new HashMap<>();
        topics.values().forEach(t -> names.put(t.name(), t.id()));
        BrokerRegistration self = new BrokerRegistration(SELF, INCARNATION, 5, List.of(), Optional.empty(), selfFenced,
                offset - 1);
        return new MetadataImage(offset, offset, Optional.of("c"), Map.of(SELF, self), topics, names,
                Map.of(ConfigResource.topic("kept"), Map.of("retention.ms", retentionMs)), 0, Map.of(), 5);
    }

    private static MetadataImage withConfigs(MetadataImage image, long offset,
                                             Map<ConfigResource, Map<String, String>> configs) {
        return new MetadataImage(offset, offset, image.clusterId(), image.brokers(), image.topicsById(),
                image.topicIdsByName(), configs, image.nextProducerId(), image.features(), image.lastBrokerEpoch());
    }

    @Test
    void groupConfigsFollowTheImageAndOnlyTheImagesRemainOnceCaughtUp() {
        ConfigResource group = new ConfigResource(ConfigResourceType.CONFIG_RESOURCE_GROUP, "payments");
        groupConfigs.alter("stale", List.of(new ConfigAlteration.Operation("consumer.session.timeout.ms",
                (byte) 0, "50000")), false);
        MetadataImage first = withConfigs(image(10, true, Map.of()), 10, Map.of(group,
                Map.of("consumer.heartbeat.interval.ms", "6000")));
        quorum.image(first);
        applier.start();
        assertEquals(Map.of("consumer.heartbeat.interval.ms", "6000"), groupConfigs.overrides("payments"));
        assertEquals(Map.of("consumer.session.timeout.ms", "50000"), groupConfigs.overrides("stale"),
                "kept until this broker caught up");

        MetadataImage caughtUp = withConfigs(image(11, false, Map.of()), 11, Map.of(group,
                Map.of("consumer.heartbeat.interval.ms", "7000")));
        quorum.publish(MetadataDelta.between(first, caughtUp), caughtUp);
        assertEquals(Map.of("consumer.heartbeat.interval.ms", "7000"), groupConfigs.overrides("payments"));
        assertEquals(Map.of(), groupConfigs.overrides("stale"), "the image has none for it");

        MetadataImage deleted = withConfigs(image(12, false, Map.of()), 12, Map.of());
        quorum.publish(MetadataDelta.between(caughtUp, deleted), deleted);
        assertEquals(Map.of(), groupConfigs.overrides("payments"));
    }

    private Optional<PartitionLog> log(String topic, int partition) {
        return logs.getLog(new TopicPartition(topic, partition));
    }

    @Test
    void topicsMirrorTheImageAndOnlyPartitionsPlacedHereGetLogsAndRoles() {
        TopicImage kept = new TopicImage("kept", KEPT, Map.of(0, partition(SELF, 1, 2), 1, partition(2, 2, 3),
                2, partition(-1, 1, 3)));
        MetadataImage first = image(10, true, Map.of(KEPT, kept));
        quorum.image(first); // applied before the applier started: not missed
        applier.start();

        Topic topic = registry.topic("kept").orElseThrow();
        assertEquals(KEPT, topic.id());
        assertEquals(3, topic.partitionCount());
        assertEquals(Map.of("retention.ms", "1000"), topic.configOverrides());
        assertEquals(1000, log("kept", 0).orElseThrow().config().retentionMs(), "the log got the topic's configs");
        assertTrue(log("kept", 1).isEmpty(), "not a replica here: no log");
        assertTrue(replicas.partition(new TopicPartition("kept", 0)).orElseThrow().isLeader());
        var offline = replicas.partition(new TopicPartition("kept", 2)).orElseThrow();
        assertEquals(ErrorCode.NOT_LEADER_OR_FOLLOWER, offline.checkAppend((short) -1), "an offline partition");
        assertEquals(ErrorCode.NOT_LEADER_OR_FOLLOWER, offline.checkLeader(-1));
        assertFalse(follows.contains("follow kept-2 -1"), "no fetching from a leader that does not exist: " + follows);

        TopicImage moved = new TopicImage("kept", KEPT, Map.of(0, partition(2, 2, 3), 1, partition(2, 2, 3),
                2, partition(SELF, 1, 3)));
        MetadataImage second = image(11, true, Map.of(KEPT, moved));
        quorum.publish(MetadataDelta.between(first, second), second);
        assertTrue(log("kept", 0).isEmpty(), "reassigned away: the log is deleted");
        assertTrue(replicas.partition(new TopicPartition("kept", 0)).isEmpty());
        assertTrue(replicas.partition(new TopicPartition("kept", 2)).orElseThrow().isLeader());

        TopicImage grown = new TopicImage("kept", KEPT, Map.of(0, partition(2, 2, 3), 1, partition(2, 2, 3),
                2, partition(SELF, 1, 3), 3, partition(2, 2, 1)));
        MetadataImage altered = image(12, true, Map.of(KEPT, grown), "2000");
        quorum.publish(MetadataDelta.between(second, altered), altered);
        assertEquals(4, registry.topic("kept").orElseThrow().partitionCount(), "an added partition");
        assertEquals(Map.of("retention.ms", "2000"), registry.topic("kept").orElseThrow().configOverrides());
        assertEquals(2000, log("kept", 2).orElseThrow().config().retentionMs(), "the open log got the new config");
        assertEquals(2000, log("kept", 3).orElseThrow().config().retentionMs(), "the added partition placed here");
        assertTrue(follows.contains("follow kept-3 2"), follows.toString());

        MetadataImage third = image(13, true, Map.of());
        quorum.publish(MetadataDelta.between(altered, third), third);
        assertTrue(registry.topics().isEmpty());
        assertTrue(logs.allLogs().isEmpty());
    }

    @Test
    void onceCaughtUpTheLeftoversOfBeforeARestartAreDeleted() {
        registry.create("gone", 1, Map.of()); // the image deleted it while this broker was down
        logs.getOrCreateLog(new TopicPartition("gone", 0));
        registry.applyMirrored(new Topic("moved", MOVED, 1, Map.of(), false));
        logs.getOrCreateLog(new TopicPartition("moved", 0)); // reassigned away while down
        TopicImage movedAway = new TopicImage("moved", MOVED, Map.of(0, partition(2, 2, 3)));
        MetadataImage behind = image(20, true, Map.of(MOVED, movedAway));
        quorum.image(behind);
        applier.start();
        assertTrue(registry.topic("gone").isPresent(), "not caught up yet: nothing is dropped");
        assertTrue(log("moved", 0).isPresent());

        MetadataImage caughtUp = image(21, false, Map.of(MOVED, movedAway));
        quorum.publish(MetadataDelta.between(MetadataImage.EMPTY, caughtUp), caughtUp); // not from the last applied
        assertTrue(registry.topic("gone").isEmpty());
        assertTrue(log("gone", 0).isEmpty());
        assertTrue(log("moved", 0).isEmpty());
        assertEquals(MOVED, registry.topic("moved").orElseThrow().id(), "the topic itself stays: it exists");
    }
}
