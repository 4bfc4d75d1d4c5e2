package io.samsa.broker.group;

import io.samsa.broker.config.BrokerConfig;
import io.samsa.broker.config.BrokerConfigKeys;
import io.samsa.broker.lifecycle.BrokerComponent;
import io.samsa.coordinator.GroupCoordinatorConfig;
import io.samsa.coordinator.GroupCoordinatorService;
import io.samsa.coordinator.offsets.TopicMetadataLookup;
import io.samsa.protocol.util.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The group coordinator as a broker component. {@link #start} creates {@code __consumer_offsets}
 * when missing, starts the {@link GroupCoordinatorService} over an {@link OffsetsTopicLog}, and
 * elects this node for every offsets partition: on a single node the broker leads them all. Each
 * election replays its partition in the background; until a partition is loaded its groups are
 * answered COORDINATOR_LOAD_IN_PROGRESS, so start-up does not wait for replay.
 *
 * <p>{@link #start}/{@link #close} from one thread; {@link #service()} is thread-safe after start.
 */
public final class GroupCoordinatorComponent implements BrokerComponent {
    /** Threads replaying offsets partitions at election. */
    static final int LOAD_THREADS = 2;

    private static final Logger LOG = LoggerFactory.getLogger(GroupCoordinatorComponent.class);

    private final BrokerConfig config;
    private final Time time;
    private final OffsetsTopic offsetsTopic;
    private final TopicMetadataLookup topics;
    private volatile GroupCoordinatorService service;
    private OffsetsTopicLog log;

    /** @param topics the topics that exist, for refusing commits to partitions that do not */
    public GroupCoordinatorComponent(BrokerConfig config, Time time, OffsetsTopic offsetsTopic, TopicMetadataLookup topics) {
        this.config = config;
        this.time = time;
        this.offsetsTopic = offsetsTopic;
        this.topics = topics;
    }

    @Override
    public String name() {
        return "group-coordinator";
    }

    @Override
    public void start() {
        int partitions = offsetsTopic.ensureCreated(config.get(BrokerConfigKeys.OFFSETS_TOPIC_NUM_PARTITIONS),
                config.get(BrokerConfigKeys.OFFSETS_TOPIC_SEGMENT_BYTES));
        GroupCoordinatorConfig coordinatorConfig = GroupCoordinatorConfigs.from(config, partitions);
        log = new OffsetsTopicLog(offsetsTopic::partition, time, LOAD_THREADS, this::reload);
        service = GroupCoordinatorService.start(coordinatorConfig, time, log, topics);
        for (int partition = 0; partition < partitions; partition++) {
            elect(service, partition);
        }
    }

    private static void elect(GroupCoordinatorService service, int partition) {
        service.onElection(partition).whenComplete((ignored, error) -> {
            if (error != null) {
                LOG.error("Loading {}-{} failed; its groups answer NOT_COORDINATOR", OffsetsTopic.NAME, partition, error);
            }
        });
    }

    /**
     * A failed append fenced {@code partition}: drop its state and replay it from the log, which
     * holds exactly what became durable. Meanwhile its groups answer NOT_COORDINATOR and then
     * COORDINATOR_LOAD_IN_PROGRESS, both retriable.
     */
    private void reload(int partition) {
        GroupCoordinatorService running = service;
        if (running == null) {
            return;
        }
        LOG.warn("Reloading {}-{} after a failed append", OffsetsTopic.NAME, partition);
        running.onResignation(partition).whenComplete((ignored, error) -> elect(running, partition));
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
