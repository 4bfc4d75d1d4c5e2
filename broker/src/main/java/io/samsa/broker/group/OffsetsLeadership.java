package io.samsa.broker.group;

import io.samsa.broker.replication.PartitionChangeListener;
import io.samsa.broker.replication.ReplicatedPartition;
import io.samsa.coordinator.GroupCoordinatorService;
import io.samsa.coordinator.runtime.CoordinatorRuntime;
import io.samsa.storage.TopicPartition;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a coordinator follow leadership of its internal topic, {@code __consumer_offsets} for the
 * group coordinator, {@code __transaction_state} for the transaction coordinator (Kafka's rule: the
 * coordinator of partition p runs on p's leader). Told of every change of a partition's role, ISR
 * or high watermark by the replica manager, it acts only when this broker's leadership of an
 * offsets partition changed: leader under a new epoch loads the partition by replay (with that
 * epoch, so a stale one is ignored and a newer one reloads), follower or no longer a replica
 * unloads it (NOT_COORDINATOR from then on). A partition without a role is a single node's: it is
 * elected at start, as before replication, unless {@code electUnreplicated} is off (cluster mode,
 * where only the metadata's roles elect).
 *
 * <p>Thread-safe: decisions are serialized on this object, so the load and unload events reach
 * the coordinator's partition queue in the order the roles changed; the service only queues them.
 */
public final class OffsetsLeadership implements PartitionChangeListener {
    private static final Logger LOG = LoggerFactory.getLogger(OffsetsLeadership.class);

    private final String topic;
    private final CoordinatorRuntime<?> runtime;
    private final IntFunction<Optional<ReplicatedPartition>> replicas;
    private final int partitionCount;
    private final boolean electUnreplicated;
    /** What this broker last acted on per partition: the epoch it leads under, or {@link #FOLLOWING}. */
    private final Map<Integer, Integer> acted = new HashMap<>();

    /** Marks a partition this broker does not lead (unloaded). */
    private static final int FOLLOWING = Integer.MIN_VALUE;
    /** Marks a partition elected without a role (single node). */
    private static final int UNREPLICATED = -1;

    OffsetsLeadership(GroupCoordinatorService service, IntFunction<Optional<ReplicatedPartition>> replicas,
                      int partitionCount, boolean electUnreplicated) {
        this(OffsetsTopic.NAME, service.runtime(), replicas, partitionCount, electUnreplicated);
    }

    /**
     * @param topic   the coordinator's internal topic
     * @param runtime the coordinator's runtime, which loads and unloads the topic's partitions
     */
    public OffsetsLeadership(String topic, CoordinatorRuntime<?> runtime, IntFunction<Optional<ReplicatedPartition>> replicas,
                             int partitionCount, boolean electUnreplicated) {
        this.topic = topic;
        this.runtime = runtime;
        this.replicas = replicas;
        this.partitionCount = partitionCount;
        this.electUnreplicated = electUnreplicated;
    }

    /** Acts on every partition's current role once (after this listener is registered, so nothing is missed). */
    public synchronized void start() {
        for (int partition = 0; partition < partitionCount; partition++) {
            update(partition);
        }
    }

    @Override
    public void onChange(TopicPartition partition) {
        if (topic.equals(partition.topic()) && partition.partition() < partitionCount) {
            synchronized (this) {
                update(partition.partition());
            }
        }
    }

    /**
     * A failed append fenced {@code partition}: drop its state and replay it, under the epoch it is
     * led with now (or not at all when it is not led here any more).
     */
    public synchronized void reload(int partition) {
        LOG.warn("Reloading {}-{} after a failed append", topic, partition);
        acted.remove(partition);
        runtime.scheduleUnload(partition);
        update(partition);
    }

    private void update(int partition) {
        Optional<ReplicatedPartition> replicated = replicas.apply(partition);
        Integer last = acted.get(partition);
        if (replicated.isEmpty()) {
            if (last == null && electUnreplicated) {
                acted.put(partition, UNREPLICATED);
                watch(topic, partition, runtime.scheduleLoad(partition));
            } else if (last != null && last != FOLLOWING && last != UNREPLICATED) {
                acted.put(partition, FOLLOWING); // no longer a replica here
                runtime.scheduleUnload(partition);
            }
            return;
        }
        ReplicatedPartition role = replicated.get();
        int epoch = role.leaderEpoch();
        if (role.isLeader()) {
            if (last == null || last == FOLLOWING || last < epoch) {
                acted.put(partition, epoch);
                if (epoch == 0 && last == null) {
                    // a partition led from its creation (every partition of a single node): one line per partition is noise
                    LOG.debug("Leading {}-{} under epoch {}: loading it", topic, partition, epoch);
                } else {
                    LOG.info("Leading {}-{} under epoch {}: loading it", topic, partition, epoch);
                }
                watch(topic, partition, runtime.scheduleLoad(partition, epoch));
            }
        } else if (last == null || last != FOLLOWING) {
            acted.put(partition, FOLLOWING);
            LOG.info("Following {}-{} under epoch {}: unloading it", topic, partition, epoch);
            runtime.scheduleUnload(partition, epoch);
        }
    }

    private static void watch(String topic, int partition, CompletableFuture<Void> loading) {
        loading.whenComplete((ignored, error) -> {
            if (error != null) {
                LOG.info("Loading {}-{} ended: {}", topic, partition, error.getMessage());
            }
        });
    }
}
