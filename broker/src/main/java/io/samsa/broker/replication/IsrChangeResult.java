package io.samsa.broker.replication;

import io.samsa.protocol.ErrorCode;
import java.util.List;

/**
 * The controller's answer to an {@link IsrChange}: NONE with the committed ISR and its new
 * partition epoch, or an error (FENCED_LEADER_EPOCH, INVALID_UPDATE_VERSION, NOT_CONTROLLER, ...)
 * after which the leader keeps its last committed ISR and may ask again.
 *
 * @param error          NONE or why the change was refused
 * @param leaderEpoch    the partition's leader epoch (on success)
 * @param isr            the ISR now committed (on success)
 * @param partitionEpoch the new partition epoch (on success)
 */
public record IsrChangeResult(ErrorCode error, int leaderEpoch, List<Integer> isr, int partitionEpoch) {

    public IsrChangeResult {
        isr = List.copyOf(isr);
    }

    public static IsrChangeResult committed(int leaderEpoch, List<Integer> isr, int partitionEpoch) {
        return new IsrChangeResult(ErrorCode.NONE, leaderEpoch, isr, partitionEpoch);
    }

    public static IsrChangeResult failed(ErrorCode error) {
        return new IsrChangeResult(error, -1, List.of(), -1);
    }
}
