package io.samsa.broker.topics;

/**
 * Told about every change to the {@link TopicRegistry}, after it is durable. Storage creates and
 * deletes partition logs here; fetch sessions and the coordinator drop state for deleted topics.
 *
 * <p>Called on the thread that made the change, while the registry's write lock is held, so
 * listeners see changes one at a time and in order. A listener must be quick, may read the
 * registry, and must not throw: an exception is logged and the remaining listeners still run
 * (the registry change itself already happened and is not undone).
 */
public interface TopicListener {

    /** A topic was created with all its partitions. */
    default void topicCreated(Topic topic) {
    }

    /** A topic was deleted; {@code topic} is its last state. */
    default void topicDeleted(Topic topic) {
    }

    /** Partitions {@code before.partitionCount()} to {@code after.partitionCount() - 1} were added. */
    /** A topic's config overrides changed (IncrementalAlterConfigs); {@code after} holds the new ones. */
    default void configsChanged(Topic before, Topic after) {
    }

    default void partitionsAdded(Topic before, Topic after) {
    }
}
