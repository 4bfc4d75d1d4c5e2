package io.samsa.coordinator.consumer.assignor;

import io.samsa.protocol.types.Uuid;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The default server-side assignor, {@code uniform}: spreads every subscribed partition over its
 * subscribers so that loads differ by at most one when all members subscribe to the same topics,
 * and moves as few partitions as it can.
 *
 * <p>Two passes. <b>Keep</b>: each member keeps partitions of its current target that it still
 * subscribes to, up to its fair share rounded down ({@code floor(sum over its topics of
 * partitions / subscribers)}). <b>Fill</b>: every other partition (topics with the fewest
 * subscribers first, so constrained members are served before the flexible ones take their
 * partitions) goes to the least loaded of its subscribers, preferring its previous owner on a tie,
 * then the lowest member id. With identical subscriptions the fill pass tops every member up to
 * the floor before anyone gets a second extra, so the result is balanced; a previous owner wins
 * every tie, so partitions stay where they were unless balance needs them elsewhere.
 *
 * <p>Stateless; thread-safe.
 */
public final class UniformAssignor implements PartitionAssignor {
    public static final String NAME = "uniform";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, TopicPartitions> assign(AssignmentSpec spec) {
        Map<String, TopicPartitions> result = spec.emptyTargets();
        Map<Uuid, List<String>> subscribers = spec.subscribersByTopic();
        Map<Uuid, Map<Integer, String>> previousOwner = new HashMap<>();
        Map<Uuid, Set<Integer>> taken = new HashMap<>();
        keep(spec, subscribers, result, previousOwner, taken);
        List<Uuid> topics = new ArrayList<>(subscribers.keySet());
        topics.sort(Comparator.<Uuid>comparingInt(topic -> subscribers.get(topic).size()).thenComparing(topic -> topic));
        for (Uuid topicId : topics) {
            List<String> candidates = subscribers.get(topicId);
            Set<Integer> takenOfTopic = taken.getOrDefault(topicId, Set.of());
            Map<Integer, String> owners = previousOwner.getOrDefault(topicId, Map.of());
            for (int partition = 0; partition < spec.partitionCounts().get(topicId); partition++) {
                if (!takenOfTopic.contains(partition)) {
                    result.get(leastLoaded(candidates, owners.get(partition), result)).add(topicId, partition);
                }
            }
        }
        return result;
    }

    private static void keep(AssignmentSpec spec, Map<Uuid, List<String>> subscribers, Map<String, TopicPartitions> result,
                             Map<Uuid, Map<Integer, String>> previousOwner, Map<Uuid, Set<Integer>> taken) {
        for (Map.Entry<String, AssignmentSpec.MemberSpec> entry : spec.members().entrySet()) {
            String memberId = entry.getKey();
            AssignmentSpec.MemberSpec member = entry.getValue();
            double share = 0;
            for (Uuid topicId : member.subscribedTopicIds()) {
                share += (double) spec.partitionCounts().get(topicId) / subscribers.get(topicId).size();
            }
            int quota = (int) Math.floor(share + 1e-9);
            TopicPartitions kept = result.get(memberId);
            for (Map.Entry<Uuid, ? extends Set<Integer>> current : new TreeMap<>(member.currentTarget()).entrySet()) {
                Uuid topicId = current.getKey();
                Integer count = spec.partitionCounts().get(topicId);
                if (count == null || !member.subscribedTopicIds().contains(topicId)) {
                    continue;
                }
                for (int partition : current.getValue()) {
                    if (partition >= count) {
                        continue;
                    }
                    previousOwner.computeIfAbsent(topicId, id -> new HashMap<>()).putIfAbsent(partition, memberId);
                    Set<Integer> takenOfTopic = taken.computeIfAbsent(topicId, id -> new HashSet<>());
                    if (kept.size() < quota && !takenOfTopic.contains(partition)) {
                        kept.add(topicId, partition);
                        takenOfTopic.add(partition);
                    }
                }
            }
        }
    }

    private static String leastLoaded(List<String> candidates, String previousOwner, Map<String, TopicPartitions> result) {
        String best = null;
        int bestLoad = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int load = result.get(candidate).size();
            if (load < bestLoad || (load == bestLoad && candidate.equals(previousOwner))) {
                best = candidate;
                bestLoad = load;
            }
        }
        return best;
    }
}
