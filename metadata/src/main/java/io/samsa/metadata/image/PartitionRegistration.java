package io.samsa.metadata.image;

import java.util.Arrays;

/**
 * One partition's replication state as the metadata log knows it. Immutable (the arrays are never
 * handed out; accessors return copies, {@link #isrContains} and friends read in place).
 *
 * <p>{@code leaderEpoch} grows when the leader changes; {@code partitionEpoch} grows with every
 * change at all (Kafka's AlterPartition compares it to reject stale updates).
 * {@code addingReplicas}/{@code removingReplicas} are non-empty only while a reassignment moves
 * the partition: then {@code replicas} is the union of the target and the replicas being removed.
 */
public final class PartitionRegistration {
    /** The leader of a partition that has none. */
    public static final int NO_LEADER = -1;

    private final int[] replicas;
    private final int[] isr;
    private final int[] removingReplicas;
    private final int[] addingReplicas;
    private final int leader;
    private final int leaderEpoch;
    private final int partitionEpoch;

    public PartitionRegistration(int[] replicas, int[] isr, int[] removingReplicas, int[] addingReplicas,
                                 int leader, int leaderEpoch, int partitionEpoch) {
        this.replicas = replicas.clone();
        this.isr = isr.clone();
        this.removingReplicas = removingReplicas.clone();
        this.addingReplicas = addingReplicas.clone();
        this.leader = leader;
        this.leaderEpoch = leaderEpoch;
        this.partitionEpoch = partitionEpoch;
    }

    public int[] replicas() {
        return replicas.clone();
    }

    public int[] isr() {
        return isr.clone();
    }

    public int[] removingReplicas() {
        return removingReplicas.clone();
    }

    public int[] addingReplicas() {
        return addingReplicas.clone();
    }

    public int leader() {
        return leader;
    }

    public int leaderEpoch() {
        return leaderEpoch;
    }

    public int partitionEpoch() {
        return partitionEpoch;
    }

    /** @return the first replica: the leader a preferred election picks */
    public int preferredLeader() {
        return replicas.length == 0 ? NO_LEADER : replicas[0];
    }

    public boolean hasLeader() {
        return leader != NO_LEADER;
    }

    public boolean isReassigning() {
        return removingReplicas.length > 0 || addingReplicas.length > 0;
    }

    public boolean isrContains(int brokerId) {
        return IntArrays.contains(isr, brokerId);
    }

    public boolean replicasContain(int brokerId) {
        return IntArrays.contains(replicas, brokerId);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PartitionRegistration other && leader == other.leader && leaderEpoch == other.leaderEpoch
                && partitionEpoch == other.partitionEpoch && Arrays.equals(replicas, other.replicas)
                && Arrays.equals(isr, other.isr) && Arrays.equals(removingReplicas, other.removingReplicas)
                && Arrays.equals(addingReplicas, other.addingReplicas);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(replicas) + Arrays.hashCode(isr)) + 31 * leader + leaderEpoch + partitionEpoch;
    }

    @Override
    public String toString() {
        return "Partition(replicas=" + Arrays.toString(replicas) + ", isr=" + Arrays.toString(isr)
                + ", leader=" + leader + ", leaderEpoch=" + leaderEpoch + ", partitionEpoch=" + partitionEpoch
                + (isReassigning() ? ", adding=" + Arrays.toString(addingReplicas)
                        + ", removing=" + Arrays.toString(removingReplicas) : "") + ")";
    }
}
