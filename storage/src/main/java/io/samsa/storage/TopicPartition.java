package io.samsa.storage;

import java.util.Objects;

/**
 * A topic name and partition number: the identity of one partition log. Its directory name is
 * {@code <topic>-<partition>}; topic names may themselves contain '-', so parsing splits at the last one.
 *
 * <p>Immutable and thread-safe.
 */
public record TopicPartition(String topic, int partition) {

    public TopicPartition {
        Objects.requireNonNull(topic, "topic");
        if (topic.isEmpty()) {
            throw new IllegalArgumentException("empty topic name");
        }
        if (partition < 0) {
            throw new IllegalArgumentException("negative partition " + partition);
        }
    }

    /** The directory name of this partition's log under a log dir. */
    public String dirName() {
        return topic + "-" + partition;
    }

    /**
     * @param dirName a directory name such as {@code orders-3}
     * @return the partition it names, or null when it is not of the form {@code <topic>-<number>}
     */
    public static TopicPartition fromDirName(String dirName) {
        int dash = dirName.lastIndexOf('-');
        if (dash <= 0 || dash == dirName.length() - 1) {
            return null;
        }
        try {
            int partition = Integer.parseInt(dirName.substring(dash + 1));
            return partition < 0 ? null : new TopicPartition(dirName.substring(0, dash), partition);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return dirName();
    }
}
