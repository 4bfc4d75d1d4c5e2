package io.samsa.metadata.controller;

import io.samsa.metadata.image.IntArrays;
import io.samsa.metadata.image.PartitionRegistration;
import io.samsa.metadata.records.Uuids;
import io.samsa.metadata.records.proto.MetadataRecord;
import io.samsa.metadata.records.proto.PartitionChangeRecord;
import io.samsa.protocol.types.Uuid;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * Computes one partition's next state from wanted changes (ISR, replicas, reassignment lists, an
 * election) and writes it as a {@link PartitionChangeRecord}, or nothing when nothing changes.
 *
 * <p>Leader choice, in order: with a preferred election, the first replica when it is live and in
 * the ISR; else the current leader when it stays live and in the ISR; else the first replica (in
 * replica order) that is live and in the ISR; else, when unclean election is allowed (config or an
 * UNCLEAN election), the first live replica, whose ISR becomes just itself; else no leader (-1).
 * The ISR is never empty: a change that would empty it keeps the old ISR (a partition whose last
 * ISR member is fenced keeps that member and has no leader until it returns, as in Kafka).
 * The leader epoch grows when the leader changes; the partition epoch on every change.
 *
 * <p>Not thread-safe; one per change.
 */
final class PartitionChangeBuilder {
    /** The kind of leader election a change asks for. */
    enum Election {
        /** Keep the current leader if it can stay; elect from the ISR otherwise. */
        ONLY_IF_NEEDED,
        /** Move to the preferred (first) replica when it is eligible. */
        PREFERRED,
        /** As {@link #ONLY_IF_NEEDED}, then any live replica if the ISR has none. */
        UNCLEAN
    }

    private final Uuid topicId;
    private final int partitionIndex;
    private final PartitionRegistration partition;
    private final IntPredicate isActive;
    private final boolean uncleanAllowed;
    private int[] targetIsr;
    private int[] targetReplicas;
    private int[] targetAdding;
    private int[] targetRemoving;
    private Election election = Election.ONLY_IF_NEEDED;

    /**
     * @param isActive       whether a broker is registered and unfenced, as of this change
     * @param uncleanAllowed {@code unclean.leader.election.enable}
     */
    PartitionChangeBuilder(Uuid topicId, int partitionIndex, PartitionRegistration partition, IntPredicate isActive,
                           boolean uncleanAllowed) {
        this.topicId = topicId;
        this.partitionIndex = partitionIndex;
        this.partition = partition;
        this.isActive = isActive;
        this.uncleanAllowed = uncleanAllowed;
        this.targetIsr = partition.isr();
        this.targetReplicas = partition.replicas();
        this.targetAdding = partition.addingReplicas();
        this.targetRemoving = partition.removingReplicas();
    }

    PartitionChangeBuilder setTargetIsr(int[] isr) {
        this.targetIsr = isr.clone();
        return this;
    }

    PartitionChangeBuilder setTargetReplicas(int[] replicas, int[] adding, int[] removing) {
        this.targetReplicas = replicas.clone();
        this.targetAdding = adding.clone();
        this.targetRemoving = removing.clone();
        return this;
    }

    PartitionChangeBuilder setElection(Election election) {
        this.election = election;
        return this;
    }

    /** @return the state the change leads to (whether or not anything changed) */
    PartitionRegistration next() {
        int[] replicas = targetReplicas;
        int[] isr = IntArrays.filter(targetIsr, id -> IntArrays.contains(replicas, id));
        if (isr.length == 0) {
            int[] kept = IntArrays.filter(partition.isr(), id -> IntArrays.contains(replicas, id));
            isr = kept.length > 0 ? kept : isr;
        }
        int leader = chooseLeader(replicas, isr);
        if (leader != PartitionRegistration.NO_LEADER && !IntArrays.contains(isr, leader)) {
            isr = new int[] {leader}; // an unclean election: the new leader's log is the truth now
        }
        boolean leaderChanged = leader != partition.leader();
        int[] nextIsr = isr;
        PartitionRegistration candidate = new PartitionRegistration(replicas, nextIsr, targetRemoving, targetAdding,
                leader, partition.leaderEpoch() + (leaderChanged ? 1 : 0), partition.partitionEpoch());
        if (sameState(candidate)) {
            return partition;
        }
        return new PartitionRegistration(replicas, nextIsr, targetRemoving, targetAdding, leader,
                candidate.leaderEpoch(), partition.partitionEpoch() + 1);
    }

    private boolean sameState(PartitionRegistration candidate) {
        return candidate.leader() == partition.leader() && Arrays.equals(candidate.isr(), partition.isr())
                && Arrays.equals(candidate.replicas(), partition.replicas())
                && Arrays.equals(candidate.addingReplicas(), partition.addingReplicas())
                && Arrays.equals(candidate.removingReplicas(), partition.removingReplicas());
    }

    private int chooseLeader(int[] replicas, int[] isr) {
        if (election == Election.PREFERRED && replicas.length > 0 && eligible(replicas[0], isr)) {
            return replicas[0];
        }
        if (partition.hasLeader() && eligible(partition.leader(), isr) && IntArrays.contains(replicas, partition.leader())) {
            return partition.leader();
        }
        for (int replica : replicas) {
            if (eligible(replica, isr)) {
                return replica;
            }
        }
        if (uncleanAllowed || election == Election.UNCLEAN) {
            for (int replica : replicas) {
                if (isActive.test(replica)) {
                    return replica;
                }
            }
        }
        return PartitionRegistration.NO_LEADER;
    }

    private boolean eligible(int replica, int[] isr) {
        return IntArrays.contains(isr, replica) && isActive.test(replica);
    }

    /** @return the change record, or empty when the partition would stay as it is */
    Optional<MetadataRecord> build() {
        PartitionRegistration next = next();
        if (next == partition) {
            return Optional.empty();
        }
        PartitionChangeRecord.Builder change = PartitionChangeRecord.newBuilder()
                .setTopicId(Uuids.toProto(topicId)).setPartitionIndex(partitionIndex)
                .setLeader(next.leader()).setLeaderEpoch(next.leaderEpoch()).setPartitionEpoch(next.partitionEpoch());
        if (!Arrays.equals(next.isr(), partition.isr())) {
            change.setHasIsr(true).addAllIsr(IntArrays.toList(next.isr()));
        }
        if (!Arrays.equals(next.replicas(), partition.replicas())) {
            change.setHasReplicas(true).addAllReplicas(IntArrays.toList(next.replicas()));
        }
        if (!Arrays.equals(next.addingReplicas(), partition.addingReplicas())) {
            change.setHasAddingReplicas(true).addAllAddingReplicas(IntArrays.toList(next.addingReplicas()));
        }
        if (!Arrays.equals(next.removingReplicas(), partition.removingReplicas())) {
            change.setHasRemovingReplicas(true).addAllRemovingReplicas(IntArrays.toList(next.removingReplicas()));
        }
        return Optional.of(MetadataRecord.newBuilder().setPartitionChange(change).build());
    }
}
