package io.samsa.broker.data.partitions;

/**
 * Told about the data plane's traffic per topic: one call per partition append or partition
 * read, never per record (record counts come from the batch header). Called from the I/O threads
 * concurrently; implementations must be thread-safe and must not block or lock.
 */
public interface TopicTrafficListener {
    /** Counts nothing. */
    TopicTrafficListener NONE = new TopicTrafficListener() {
        @Override
        public void produced(String topic, long records, long bytes) {
        }

        @Override
        public void produceFailed(String topic) {
        }

        @Override
        public void fetched(String topic, long bytes) {
        }

        @Override
        public void fetchFailed(String topic) {
        }
    };

    /** A partition append of {@code records} records in {@code bytes} batch bytes succeeded. */
    void produced(String topic, long records, long bytes);

    /** A partition append was refused with an error. */
    void produceFailed(String topic);

    /** A partition read returned {@code bytes} bytes (possibly 0). */
    void fetched(String topic, long bytes);

    /** A partition read was answered with an error. */
    void fetchFailed(String topic);
}
