package io.samsa.client.admin;

import java.util.Optional;

/**
 * One partition's ListOffsets answer. Immutable.
 *
 * @param offset    the offset, -1 when no record matches a timestamp query
 * @param timestamp the record's timestamp in ms, -1 for earliest/latest
 */
public record ListOffsetsResultInfo(long offset, long timestamp, Optional<Integer> leaderEpoch) {
}
