package io.samsa.broker.admin.view;

import java.util.List;

/**
 * One partition as Metadata reports it. Immutable.
 *
 * @param index           the partition index
 * @param leader          the leader's node id, -1 when the partition has none
 * @param leaderEpoch     the leader epoch
 * @param replicas        the replicas, preferred leader first
 * @param isr             the in-sync replicas
 * @param offlineReplicas the replicas whose broker is fenced or not registered
 */
public record PartitionView(int index, int leader, int leaderEpoch, List<Integer> replicas, List<Integer> isr,
                            List<Integer> offlineReplicas) {
    /** The leader of a partition that has none. */
    public static final int NO_LEADER = -1;

    public PartitionView {
        replicas = List.copyOf(replicas);
        isr = List.copyOf(isr);
        offlineReplicas = List.copyOf(offlineReplicas);
    }

    /** @return whether the partition has a leader (else Metadata answers LEADER_NOT_AVAILABLE for it) */
    public boolean hasLeader() {
        return leader != NO_LEADER;
    }
}
