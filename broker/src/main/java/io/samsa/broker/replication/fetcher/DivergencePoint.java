package io.samsa.broker.replication.fetcher;

import io.samsa.storage.EpochEndOffset;
import io.samsa.storage.PartitionLog;

/**
 * Where a follower's log stops agreeing with its leader's (KIP-101 with KIP-279's rounds), from
 * the leader's OffsetForLeaderEpoch answer for the follower's latest epoch:
 *
 * <ul>
 *   <li>the leader knows that epoch: the logs agree up to min(leader's end of it, own log end);</li>
 *   <li>the leader answers an older epoch E: cut at min(leader's end of E, own end of E), and, when
 *       this log's epoch there is not E either, ask again with the (now) latest epoch;</li>
 *   <li>the leader knows no epoch at all (UNDEFINED): fall back to the high watermark (KIP-101).</li>
 * </ul>
 *
 * @param truncateTo the offset to truncate to (never above the log end)
 * @param done       whether the logs now agree (false: another round is due)
 */
record DivergencePoint(long truncateTo, boolean done) {

    /** @param requestedEpoch the epoch the follower asked about */
    static DivergencePoint of(PartitionLog log, int requestedEpoch, EpochEndOffset leader) {
        long logEnd = log.logEndOffset();
        if (leader.epoch() < 0 || leader.endOffset() < 0) {
            return new DivergencePoint(Math.min(log.highWatermark(), logEnd), true);
        }
        if (leader.epoch() == requestedEpoch) {
            return new DivergencePoint(Math.min(leader.endOffset(), logEnd), true);
        }
        EpochEndOffset own = log.endOffsetForEpoch(leader.epoch());
        long ownEnd = own.endOffset() < 0 ? logEnd : own.endOffset();
        return new DivergencePoint(Math.min(Math.min(leader.endOffset(), ownEnd), logEnd), own.epoch() == leader.epoch());
    }
}
