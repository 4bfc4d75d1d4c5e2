package io.samsa.client.consumer.internals.assignors;

import io.samsa.client.common.Cluster;
import io.samsa.client.common.Node;
import io.samsa.client.common.PartitionInfo;
import io.samsa.client.common.TopicPartition;
import io.samsa.client.consumer.ConsumerPartitionAssignor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Runs one {@link AssignorScenario} through a Samsa assignor and through kafka-clients' assignor of
 * the same name, and returns both results in one comparable form: member id -&gt; sorted partition
 * names, or the exception class name when the assignor threw.
 */
final class KafkaAssignorOracle {
    private KafkaAssignorOracle() {
    }

    static Object samsa(ConsumerPartitionAssignor assignor, AssignorScenario s) {
        List<PartitionInfo> partitions = new ArrayList<>();
        Node node = new Node(0, "127.0.0.1", 9092);
        s.partitionsPerTopic.forEach((t, n) -> {
            for (int p = 0; p < n; p++) {
                partitions.add(new PartitionInfo(t, p, node, new Node[] {node}, new Node[] {node}));
            }
        });
        Cluster cluster = new Cluster("c", List.of(node), partitions, Set.of());
        Map<String, ConsumerPartitionAssignor.Subscription> subscriptions = new HashMap<>();
        for (AssignorScenario.Member m : s.members) {
            ConsumerPartitionAssignor.Subscription sub = new ConsumerPartitionAssignor.Subscription(
                m.topics(), m.userData() == null ? null : m.userData().duplicate(), m.owned(), m.generationId(), Optional.empty());
            sub.setGroupInstanceId(m.groupInstanceId());
            subscriptions.put(m.memberId(), sub);
        }
        try {
            ConsumerPartitionAssignor.GroupAssignment result =
                assignor.assign(cluster, new ConsumerPartitionAssignor.GroupSubscription(subscriptions));
            Map<String, Set<String>> out = new TreeMap<>();
            result.groupAssignment().forEach((member, a) ->
                out.put(member, a.partitions().stream().map(TopicPartition::toString).collect(Collectors.toCollection(TreeSet::new))));
            return out;
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName();
        }
    }

    static Object kafka(org.apache.kafka.clients.consumer.ConsumerPartitionAssignor assignor, AssignorScenario s) {
        List<org.apache.kafka.common.PartitionInfo> partitions = new ArrayList<>();
        org.apache.kafka.common.Node node = new org.apache.kafka.common.Node(0, "127.0.0.1", 9092);
        s.partitionsPerTopic.forEach((t, n) -> {
            for (int p = 0; p < n; p++) {
                partitions.add(new org.apache.kafka.common.PartitionInfo(t, p, node,
                    new org.apache.kafka.common.Node[] {node}, new org.apache.kafka.common.Node[] {node}));
            }
        });
        org.apache.kafka.common.Cluster cluster = new org.apache.kafka.common.Cluster("c", List.of(node), partitions, Set.of(), Set.of());
        Map<String, org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription> subscriptions = new HashMap<>();
        for (AssignorScenario.Member m : s.members) {
            List<org.apache.kafka.common.TopicPartition> owned = m.owned().stream()
                .map(tp -> new org.apache.kafka.common.TopicPartition(tp.topic(), tp.partition())).collect(Collectors.toList());
            org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription sub =
                new org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription(m.topics(),
                    m.userData() == null ? null : m.userData().duplicate(), owned, m.generationId(), Optional.empty());
            sub.setGroupInstanceId(m.groupInstanceId());
            subscriptions.put(m.memberId(), sub);
        }
        try {
            org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.GroupAssignment result = assignor.assign(cluster,
                new org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.GroupSubscription(subscriptions));
            Map<String, Set<String>> out = new TreeMap<>();
            result.groupAssignment().forEach((member, a) ->
                out.put(member, a.partitions().stream().map(Object::toString).collect(Collectors.toCollection(TreeSet::new))));
            return out;
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName();
        }
    }
}
