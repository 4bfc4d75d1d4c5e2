package io.samsa.broker.admin;

import io.samsa.protocol.ErrorCode;

/**
 * How Metadata creates a topic a client asked for that does not exist ({@code
 * auto.create.topics.enable}, allow_auto_topic_creation). Thread-safe.
 */
interface TopicAutoCreator {
    /**
     * Creates {@code name} with {@code num.partitions} and {@code default.replication.factor}.
     *
     * @return NONE when the topic exists now (Metadata describes it), or the error Metadata
     *         reports for it: LEADER_NOT_AVAILABLE while a controller creates it, or why it cannot
     *         be created
     */
    ErrorCode create(String name);
}
