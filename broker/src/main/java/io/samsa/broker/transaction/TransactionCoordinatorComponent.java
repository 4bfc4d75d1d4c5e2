package io.samsa.broker.transaction;

import io.samsa.broker.config.BrokerConfig;
import io.samsa.broker.config.BrokerConfigKeys;
import io.samsa.broker.data.produce.ProducerIdSource;
import io.samsa.broker.group.OffsetsLeadership;
import io.samsa.broker.group.OffsetsReplicationWaits;
import io.samsa.broker.group.OffsetsTopic;
import io.samsa.broker.group.OffsetsTopicLog;
import io.samsa.broker.lifecycle.BrokerComponent;
import io.samsa.broker.replication.ReplicaManager;
import io.samsa.broker.replication.ReplicatedPartition;
import io.samsa.coordinator.transaction.TransactionCoordinatorService;
import io.samsa.coordinator.transaction.TransactionMarkerSender;
import io.samsa.metadata.image.TopicImage;
import io.samsa.metadata.quorum.MetadataQuorum;
import io.samsa.protocol.util.Time;
import io.samsa.storage.TopicPartition;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The transaction coordinator as a broker component, built like the group coordinator's: on a
 * single node {@code __transaction_state} is created (transaction.state.log.num.partitions
 * partitions, compacted, transaction.state.log.segment.bytes segments) when the first client looks
 * for a transaction coordinator ({@link #activate}), as Kafka creates it lazily, so a broker that
 * never sees a transaction pays nothing for it. {@link #start} starts the
 * {@link TransactionCoordinatorService} over an {@link OffsetsTopicLog} of that topic, and lets an
 * {@link OffsetsLeadership} load the partitions this broker leads (all of them on a single node);
 * each load replays Kafka's TransactionLog records and finishes the transactions it finds
 * decided. Writes to replicated partitions are answered at the high watermark. In a cluster the
 * controller creates the topic on the first FindCoordinator for a transactional id.
 *
 * <p>{@link #start}/{@link #close} from one thread; {@link #service()} is thread-safe after start.
 */
final class TransactionCoordinatorComponent implements BrokerComponent {
    static final int LOAD_THREADS = 1;

    private final BrokerConfig config;
    private final Time time;
    private final OffsetsTopic stateTopic;
    private final ReplicaManager replicas;
    private final Supplier<MetadataQuorum> quorum;
    private final TransactionMarkerSender markers;
    private final ProducerIdSource producerIds;
    private final IntSupplier offsetsTopicPartitions;
    private final OffsetsReplicationWaits waits = new OffsetsReplicationWaits(TransactionCoordinatorService.STATE_TOPIC);
    private volatile TransactionCoordinatorService service;
    private volatile OffsetsLeadership leadership;
    private volatile boolean active;
    private OffsetsTopicLog log;

    /**
     * @param quorum                 in cluster mode the metadata quorum (the topic is the controller's), else null
     * @param offsetsTopicPartitions the partition count of {@code __consumer_offsets}, read at start
     */
    TransactionCoordinatorComponent(BrokerConfig config, Time time, OffsetsTopic stateTopic, ReplicaManager replicas,
                                    Supplier<MetadataQuorum> quorum, TransactionMarkerSender markers, ProducerIdSource producerIds,
                                    IntSupplier offsetsTopicPartitions) {
        this.config = config;
        this.time = time;
        this.stateTopic = stateTopic;
        this.replicas = replicas;
        this.quorum = quorum;
        this.markers = markers;
        this.producerIds = producerIds;
        this.offsetsTopicPartitions = offsetsTopicPartitions;
    }

    @Override
    public String name() {
        return "transaction-coordinator";
    }

    /** @return the configs {@code __transaction_state} is created with */
    Map<String, String> topicConfigs() {
        int minIsr = Math.min(config.get(BrokerConfigKeys.TRANSACTION_STATE_LOG_MIN_ISR),
                config.get(BrokerConfigKeys.TRANSACTION_STATE_LOG_REPLICATION_FACTOR));
        return Map.of("cleanup.policy", "compact",
                "segment.bytes", Integer.toString(config.get(BrokerConfigKeys.TRANSACTION_STATE_LOG_SEGMENT_BYTES)),
                "min.insync.replicas", Integer.toString(quorum == null ? 1 : minIsr));
    }

    @Override
    public void start() {
        boolean clusterMode = quorum != null;
        int partitions = clusterMode ? partitionCountInImage() : stateTopic.existingPartitionCount()
                .orElse(config.get(BrokerConfigKeys.TRANSACTION_STATE_LOG_NUM_PARTITIONS));
        log = new OffsetsTopicLog(stateTopic::partition, this::replicated, waits, time, LOAD_THREADS, this::reload);
        service = TransactionCoordinatorService.start(TransactionCoordinatorConfigs.from(config, partitions,
                offsetsTopicPartitions.getAsInt()), time, log, markers, producerIds::nextId);
        OffsetsLeadership leading = new OffsetsLeadership(TransactionCoordinatorService.STATE_TOPIC, service.runtime(),
                this::replicated, partitions, !clusterMode);
        leadership = leading;
        replicas.addListener(waits);
        replicas.addListener(leading);
        if (clusterMode || stateTopic.existingPartitionCount().isPresent()) {
            activate();
        }
    }

    /**
     * Creates {@code __transaction_state} on a single node when it is missing and starts loading
     * the partitions this broker leads; once only, later calls return at once. Called at start
     * when the topic exists (or in a cluster, where the metadata's roles elect), else by the first
     * FindCoordinator for a transactional id.
     */
    void activate() {
        if (active) {
            return;
        }
        synchronized (this) {
            if (active || leadership == null) {
                return;
            }
            if (quorum == null) {
                stateTopic.ensureCreated(config.get(BrokerConfigKeys.TRANSACTION_STATE_LOG_NUM_PARTITIONS), topicConfigs());
            }
            leadership.start();
            active = true;
        }
    }

    private int partitionCountInImage() {
        MetadataQuorum running = quorum.get();
        TopicImage existing = running == null ? null : running.currentImage().topic(TransactionCoordinatorService.STATE_TOPIC);
        return existing == null ? config.get(BrokerConfigKeys.TRANSACTION_STATE_LOG_NUM_PARTITIONS) : existing.partitions().size();
    }

    private Optional<ReplicatedPartition> replicated(int partition) {
        return replicas.partition(new TopicPartition(TransactionCoordinatorService.STATE_TOPIC, partition));
    }

    /** A failed append fenced {@code partition}: replay it from what became durable. */
    private void reload(int partition) {
        OffsetsLeadership leading = leadership;
        if (leading != null && service != null) {
            leading.reload(partition);
        }
    }

    /** @return the running coordinator */
    TransactionCoordinatorService service() {
        TransactionCoordinatorService running = service;
        if (running == null) {
            throw new IllegalStateException("transaction coordinator not started");
        }
        return running;
    }

    @Override
    public void close() {
        TransactionCoordinatorService running = service;
        service = null;
        if (running != null) {
            running.close();
        }
        if (log != null) {
            log.close();
        }
    }
}
