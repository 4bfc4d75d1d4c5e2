package io.samsa.client.consumer.internals.assignors;

import io.samsa.client.common.TopicPartition;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * One assignor input, described once and translated into both Samsa's and Kafka's types: topics
 * with partition counts and members (in insertion order) with their subscription fields.
 * {@link #random} draws seeded scenarios covering equal and unequal subscriptions, static members,
 * owned partitions (including double claims), generations and unknown topics.
 */
final class AssignorScenario {
    /** One member's subscription fields. */
    record Member(String memberId, List<String> topics, Optional<String> groupInstanceId,
                  List<TopicPartition> owned, int generationId, ByteBuffer userData) {
    }

    final Map<String, Integer> partitionsPerTopic = new LinkedHashMap<>();
    final List<Member> members = new ArrayList<>();

    AssignorScenario topic(String name, int partitions) {
        partitionsPerTopic.put(name, partitions);
        return this;
    }

    AssignorScenario member(String memberId, List<String> topics, List<TopicPartition> owned, int generationId) {
        members.add(new Member(memberId, topics, Optional.empty(), owned, generationId, null));
        return this;
    }

    @Override
    public String toString() {
        return "topics=" + partitionsPerTopic + ", members=" + members;
    }

    /**
     * A random scenario.
     *
     * @param withOwnership whether members report owned partitions and generations
     * @param stickyUserData whether owned partitions travel in eager-sticky user data
     */
    static AssignorScenario random(Random random, boolean withOwnership, boolean stickyUserData) {
        AssignorScenario s = new AssignorScenario();
        int topicCount = 1 + random.nextInt(5);
        List<String> topics = new ArrayList<>();
        for (int i = 0; i < topicCount; i++) {
            String name = randomName(random, "topic");
            if (topics.contains(name)) {
                continue; // subscriptions are sets in a real group
            }
            topics.add(name);
            s.topic(name, 1 + random.nextInt(random.nextBoolean() ? 4 : 12));
        }
        boolean sameSubscription = random.nextInt(3) == 0;
        List<String> shared = randomSubset(random, topics);
        if (random.nextInt(8) == 0) {
            shared.add("missing-topic");
        }
        int memberCount = 1 + random.nextInt(8);
        List<TopicPartition> all = new ArrayList<>();
        s.partitionsPerTopic.forEach((t, n) -> {
            for (int p = 0; p < n; p++) {
                all.add(new TopicPartition(t, p));
            }
        });
        int baseGeneration = 1 + random.nextInt(5);
        for (int m = 0; m < memberCount; m++) {
            List<String> subscribed = sameSubscription ? new ArrayList<>(shared) : randomSubset(random, topics);
            Optional<String> instance = random.nextInt(4) == 0 ? Optional.of(randomName(random, "instance")) : Optional.empty();
            List<TopicPartition> owned = new ArrayList<>();
            int generation = -1;
            if (withOwnership && random.nextInt(5) != 0) {
                for (TopicPartition tp : all) {
                    if (random.nextInt(memberCount + 1) == 0) {
                        owned.add(tp);
                    }
                }
                int roll = random.nextInt(6);
                generation = roll == 0 ? -1 : roll == 1 ? baseGeneration - 1 : baseGeneration;
            }
            ByteBuffer userData = stickyUserData && !owned.isEmpty() || stickyUserData && random.nextBoolean()
                ? StickyUserDataCodec.encode(owned, generation)
                : null;
            s.members.add(new Member(randomName(random, "consumer") + "-" + m, subscribed, instance, owned, generation, userData));
        }
        return s;
    }

    private static List<String> randomSubset(Random random, List<String> topics) {
        List<String> subset = new ArrayList<>();
        for (String t : topics) {
            if (random.nextBoolean()) {
                subset.add(t);
            }
        }
        if (subset.isEmpty()) {
            subset.add(topics.get(random.nextInt(topics.size())));
        }
        return subset;
    }

    private static String randomName(Random random, String prefix) {
        StringBuilder b = new StringBuilder(prefix).append('-');
        int length = 1 + random.nextInt(8);
        for (int i = 0; i < length; i++) {
            b.append((char) ('a' + random.nextInt(26)));
        }
        return b.toString();
    }
}
