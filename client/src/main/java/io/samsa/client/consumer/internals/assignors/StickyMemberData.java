package io.samsa.client.consumer.internals.assignors;

import io.samsa.client.common.TopicPartition;
import java.util.List;
import java.util.Optional;

/**
 * What a sticky assignor knows of a member's past: the partitions it owned and the generation in
 * which it owned them (absent for members that never told). Immutable record (the list is the
 * caller's and is not copied).
 *
 * @param partitions previously owned partitions, in the order the member reported them
 * @param generation the generation of that ownership
 */
public record StickyMemberData(List<TopicPartition> partitions, Optional<Integer> generation) {
}
