package io.samsa.client.consumer.internals.assignors;

import io.samsa.client.common.TopicPartition;
import java.util.List;
import java.util.Map;

/**
 * How unbalanced an assignment is: the sum over all member pairs of the difference of their
 * partition counts. Zero means perfectly even; lower is better.
 *
 * <p>Stateless; thread-safe.
 */
final class BalanceScore {
    private BalanceScore() {
    }

    static int of(Map<String, List<TopicPartition>> assignment) {
        int[] sizes = assignment.values().stream().mapToInt(List::size).toArray();
        int score = 0;
        for (int i = 0; i < sizes.length; i++) {
            for (int j = i + 1; j < sizes.length; j++) {
                score += Math.abs(sizes[i] - sizes[j]);
            }
        }
        return score;
    }
}
