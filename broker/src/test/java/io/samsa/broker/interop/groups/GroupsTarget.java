package io.samsa.broker.interop.groups;

import org.apache.kafka.clients.admin.Admin;

/**
 * What the group interop tests run against: one in-process broker ({@link GroupsBroker}) or a
 * 3-node cluster of child JVMs ({@link GroupsCluster}).
 */
interface GroupsTarget extends AutoCloseable {
    /** @return bootstrap servers for the test's clients */
    String bootstrap();

    /** @return an Admin client owned by the target */
    Admin admin();

    /** Creates a topic with the target's default replication factor. */
    void createTopic(String topic, int partitions) throws Exception;

    /** Stops every broker cleanly and starts them again on the same data (committed offsets survive). */
    void restart() throws Exception;

    @Override
    void close();
}
