package io.samsa.broker.group;

import io.samsa.broker.config.BrokerConfig;
import io.samsa.broker.config.BrokerConfigKeys;
import io.samsa.broker.lifecycle.BrokerComponent;
import io.samsa.broker.replication.ReplicaManager;
import io.samsa.broker.replication.ReplicatedPartition;
import io.samsa.coordinator.GroupCoordinatorConfig;
import io.samsa.coordinator.GroupCoordinatorService;
import io.samsa.coordinator.consumer.TopicLookup;
import io.samsa.coordinator.group.GroupConfigLookup;
import io.samsa.coordinator.offsets.TopicMetadataLookup;
import io.samsa.metadata.image.TopicImage;
import io.samsa.metadata.quorum.MetadataQuorum;
import io.samsa.protocol.util.Time;
import io.samsa.storage.TopicPartition;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The group coordinator as a broker component. {@link #start} creates {@code __consumer_offsets}
 * when missing (on a single node; in a cluster the controller creates it on the first
 * FindCoordinator, see {@link ImageCoordinatorLocator}), starts the {@link GroupCoordinatorService} over an {@link OffsetsTopicLog}, and
 * lets {@link OffsetsLeadership} load the partitions this broker leads: every partition without a
 * replica role (on a single node the broker leads them all), and each replicated one while its
 * role says this broker leads it. Each election replays its partition in the background; until a
 * partition is loaded its groups are answered COORDINATOR_LOAD_IN_PROGRESS, so start-up does not
 * wait for replay. Writes to replicated partitions are answered at the high watermark
 * ({@link OffsetsReplicationWaits}).
 *
 * <p>{@link #start}/{@link #close} from one thread; {@link #service()} is thread-safe after start.
 */
public final class GroupCoordinatorComponent implements BrokerComponent {
    /** Threads replaying offsets partitions at election. */
    static final int LOAD_THREADS = 2;

    private final BrokerConfig config;
    private final Time time;
    private final OffsetsTopic offsetsTopic;
    private final TopicMetadataLookup topics;
    private final ReplicaManager replicas;
    private final boolean clusterMode;
    private final Supplier<MetadataQuorum> quorum;
    private final GroupConfigLookup groupConfigs;
    private final OffsetsReplicationWaits waits = new OffsetsReplicationWaits();
    private volatile GroupCoordinatorService service;
    private volatile OffsetsLeadership leadership;
    private OffsetsTopicLog log;

    /**
     * @param topics   the topics that exist, for refusing commits to partitions that do not
     * @param replicas    the roles of this broker's replicated partitions
     * @param quorum   in cluster mode the metadata quorum, which owns {@code __consumer_offsets}: it
     *                 is not created here, its partition count is the image's when it exists, and only
     *                 partitions whose role says this broker leads them are loaded; null on a single node
     */
    public GroupCoordinatorComponent(BrokerConfig config, Time time, OffsetsTopic offsetsTopic, TopicMetadataLookup topics,
                                     ReplicaManager replicas, Supplier<MetadataQuorum> quorum) {
        this(config, time, offsetsTopic, topics, replicas, quorum, GroupConfigLookup.NONE);
    }

    /** @param groupConfigs the groups' own configs, which consumer groups (KIP-848) honour */
    public GroupCoordinatorComponent(BrokerConfig config, Time time, OffsetsTopic offsetsTopic, TopicMetadataLookup topics,
                                     ReplicaManager replicas, Supplier<MetadataQuorum> quorum, GroupConfigLookup groupConfigs) {
        this.groupConfigs = groupConfigs;
        this.quorum = quorum;
        this.clusterMode = quorum != null;
        this.config = config;
        this.time = time;
        this.offsetsTopic = offsetsTopic;
        this.topics = topics;
        this.replicas = replicas;
    }

    @Override
    public String name() {
        return "group-coordinator";
    }

    @Override
    public void start() {
        int partitions = clusterMode ? partitionCountInImage()
                : offsetsTopic.ensureCreated(config.get(BrokerConfigKeys.OFFSETS_TOPIC_NUM_PARTITIONS),
                        config.get(BrokerConfigKeys.OFFSETS_TOPIC_SEGMENT_BYTES));
        GroupCoordinatorConfig coordinatorConfig = GroupCoordinatorConfigs.from(config, partitions);
        log = new OffsetsTopicLog(offsetsTopic::partition, this::replicated, waits, time, LOAD_THREADS, this::reload);
        // The registry lookup also names topics by id, which consumer groups (KIP-848) need.
        TopicLookup image = topics instanceof TopicLookup withIds ? withIds : TopicLookup.NONE;
        service = GroupCoordinatorService.start(coordinatorConfig, time, log, topics, image, groupConfigs::overrides);
        OffsetsLeadership leading = new OffsetsLeadership(service, this::replicated, partitions, !clusterMode);
        leadership = leading;
        replicas.addListener(waits);
        replicas.addListener(leading);
        leading.start();
    }

    /**
     * An existing topic keeps its partition count whatever the config says now (the group-to-partition
     * mapping depends on it), as on a single node; the config applies to the topic still to be created.
     */
    private int partitionCountInImage() {
        MetadataQuorum running = quorum.get();
        TopicImage existing = running == null ? null : running.currentImage().topic(OffsetsTopic.NAME);
        return existing == null ? config.get(BrokerConfigKeys.OFFSETS_TOPIC_NUM_PARTITIONS) : existing.partitions().size();
    }

    private Optional<ReplicatedPartition> replicated(int partition) {
        return replicas.partition(new TopicPartition(OffsetsTopic.NAME, partition));
    }

    /**
     * A failed append fenced {@code partition}: drop its state and replay it from the log, which
     * holds exactly what became durable. Meanwhile its groups answer NOT_COORDINATOR and then
     * COORDINATOR_LOAD_IN_PROGRESS, both retriable.
     */
    private void reload(int partition) {
        OffsetsLeadership leading = leadership;
        if (leading != null && service != null) {
            leading.reload(partition);
        }
    }

    /** @return the running coordinator */
    public GroupCoordinatorService service() {
        GroupCoordinatorService running = service;
        if (running == null) {
            throw new IllegalStateException("group coordinator not started");
        }
        return running;
    }

    @Override
    public void close() {
        GroupCoordinatorService running = service;
        service = null;
        if (running != null) {
            running.close();
        }
        if (log != null) {
            log.close();
        }
    }
}
