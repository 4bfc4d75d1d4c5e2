package io.samsa.client.producer.internals;

import io.samsa.client.common.Cluster;
import io.samsa.client.common.PartitionInfo;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * The producer's default partitioning, as Kafka's built-in partitioner (KIP-794) without the
 * adaptive, load-based choice:
 * <ul>
 *   <li>a record with an explicit partition goes there;</li>
 *   <li>a keyed record goes to {@link Murmur2#partitionForKey} (unless {@code partitioner.ignore.keys});</li>
 *   <li>records without a key stick to one partition per topic, picked at random among partitions
 *       with a leader, until about {@code batch.size} bytes went to it and the batch being filled
 *       is complete (or twice {@code batch.size} went to it regardless); then a new random pick.
 *       That fills batches instead of scattering tiny ones over every partition.</li>
 * </ul>
 *
 * <p>Thread-safe: send() callers share it. Per-topic state is swapped atomically; two racing
 * appends may both count against the old partition, which only delays a switch slightly.
 */
public final class BuiltInPartitioner {
    /** The sticky choice for one topic and the bytes appended to it so far. */
    private record StickyPartition(int partition, long producedBytes) {
    }

    private final Map<String, StickyPartition> stickyByTopic = new ConcurrentHashMap<>();
    private final int stickyBatchSizeBytes;
    private final boolean ignoreKeys;
    private final IntSupplier random;

    /**
     * @param stickyBatchSizeBytes bytes sent to a sticky partition before switching (batch.size)
     * @param ignoreKeys           partitioner.ignore.keys
     * @param random               source of non-negative random ints (injected for tests)
     */
    public BuiltInPartitioner(int stickyBatchSizeBytes, boolean ignoreKeys, IntSupplier random) {
        if (stickyBatchSizeBytes < 1) {
            throw new IllegalArgumentException("stickyBatchSizeBytes must be positive: " + stickyBatchSizeBytes);
        }
        this.stickyBatchSizeBytes = stickyBatchSizeBytes;
        this.ignoreKeys = ignoreKeys;
        this.random = random;
    }

    /**
     * The partition for a record.
     *
     * @param explicitPartition the record's partition, or null
     * @param keyBytes          the serialized key, or null
     * @throws IllegalArgumentException when the explicit partition does not exist
     */
    public int partition(String topic, Integer explicitPartition, byte[] keyBytes, Cluster cluster) {
        int numPartitions = cluster.partitionsForTopic(topic).size();
        if (numPartitions == 0) {
            throw new IllegalArgumentException("Topic " + topic + " has no known partitions");
        }
        if (explicitPartition != null) {
            if (explicitPartition >= numPartitions) {
                throw new IllegalArgumentException("Invalid partition given with record: " + explicitPartition
                    + " is not in the range [0..." + numPartitions + "].");
            }
            return explicitPartition;
        }
        if (keyBytes != null && !ignoreKeys) {
            return Murmur2.partitionForKey(keyBytes, numPartitions);
        }
        return stickyByTopic.computeIfAbsent(topic, t -> new StickyPartition(pick(t, cluster, -1), 0)).partition();
    }

    /**
     * Records that {@code appendedBytes} went to {@code partition} of {@code topic}, switching the
     * sticky partition when enough went there.
     *
     * @param appendedBytes  bytes the record added to its batch
     * @param batchFull      whether the batch it went into is now full (or closed)
     */
    public void onAppend(String topic, int partition, int appendedBytes, boolean batchFull, Cluster cluster) {
        stickyByTopic.computeIfPresent(topic, (t, current) -> {
            if (current.partition() != partition) {
                return current;
            }
            long produced = current.producedBytes() + appendedBytes;
            boolean switchNow = produced >= stickyBatchSizeBytes && batchFull || produced >= 2L * stickyBatchSizeBytes;
            return switchNow ? new StickyPartition(pick(t, cluster, partition), 0) : new StickyPartition(partition, produced);
        });
    }

    /** The current sticky partition of a topic, or -1 before the first unkeyed record. */
    public int currentStickyPartition(String topic) {
        StickyPartition current = stickyByTopic.get(topic);
        return current == null ? -1 : current.partition();
    }

    /** A random partition with a leader (any partition when none has one), avoiding {@code previous} if possible. */
    private int pick(String topic, Cluster cluster, int previous) {
        List<PartitionInfo> candidates = cluster.availablePartitionsForTopic(topic);
        if (candidates.isEmpty()) {
            candidates = cluster.partitionsForTopic(topic);
        }
        int choice = candidates.get(Murmur2.toPositive(random.getAsInt()) % candidates.size()).partition();
        if (choice == previous && candidates.size() > 1) {
            int index = (indexOf(candidates, previous) + 1 + Murmur2.toPositive(random.getAsInt()) % (candidates.size() - 1))
                % candidates.size();
            choice = candidates.get(index).partition();
        }
        return choice;
    }

    private static int indexOf(List<PartitionInfo> partitions, int partition) {
        for (int i = 0; i < partitions.size(); i++) {
            if (partitions.get(i).partition() == partition) {
                return i;
            }
        }
        return -1;
    }
}
