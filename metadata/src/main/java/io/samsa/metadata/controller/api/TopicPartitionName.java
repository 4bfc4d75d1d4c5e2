package io.samsa.metadata.controller.api;

/** A partition addressed by topic name, as admin requests name it. */
public record TopicPartitionName(String topic, int partition) {
    @Override
    public String toString() {
        return topic + "-" + partition;
    }
}
