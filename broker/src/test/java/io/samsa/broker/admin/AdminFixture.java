package io.samsa.broker.admin;

import io.samsa.broker.metadata.LocalBroker;
import io.samsa.broker.metadata.TopicCreationDefaults;
import io.samsa.broker.topics.LogConfigTopicConfigPolicy;
import io.samsa.broker.topics.Topic;
import io.samsa.broker.topics.TopicListener;
import io.samsa.broker.topics.TopicRegistry;
import io.samsa.broker.topics.TopicStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** A registry in a temp dir, this broker's identity and the ports the handlers need, for tests. */
final class AdminFixture {
    static final int NODE_ID = 7;
    static final String CLUSTER_ID = "samsa-cluster-0000001";
    static final String HOST = "127.0.0.1";
    static final int PORT = 19092;
    static final int MAX_PARTITIONS = 100;

    final LocalBroker broker = new LocalBroker(NODE_ID, CLUSTER_ID, HOST, PORT, null);
    final Supplier<LocalBroker> localBroker = () -> broker;
    final LogConfigTopicConfigPolicy configPolicy = new LogConfigTopicConfigPolicy(Map.of("log.retention.ms", "3600000"));
    final TopicRegistry registry;
    /** Every listener event, as "created t 3", "added t 3->5", "deleted t". */
    final List<String> events = new ArrayList<>();

    AdminFixture(Path dir) {
        registry = new TopicRegistry(new TopicStore(dir), MAX_PARTITIONS);
        registry.addListener(new TopicListener() {
            @Override
            public void topicCreated(Topic topic) {
                events.add("created " + topic.name() + " " + topic.partitionCount());
            }

            @Override
            public void topicDeleted(Topic topic) {
                events.add("deleted " + topic.name());
            }

            @Override
            public void partitionsAdded(Topic before, Topic after) {
                events.add("added " + after.name() + " " + before.partitionCount() + "->" + after.partitionCount());
            }
        });
    }

    static TopicCreationDefaults defaults(boolean autoCreate) {
        return new TopicCreationDefaults(3, (short) 1, autoCreate);
    }
}
