package io.samsa.client.producer.internals;

import io.samsa.client.common.Cluster;
import io.samsa.client.errors.Errors;
import io.samsa.client.errors.InterruptException;
import io.samsa.client.errors.KafkaException;
import io.samsa.client.errors.TimeoutException;
import io.samsa.client.internals.metadata.ClusterMetadata;
import io.samsa.client.internals.metadata.MetadataSnapshot;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.util.Time;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Blocks a send() or partitionsFor() caller until the metadata knows a topic (and the partition
 * asked for), up to max.block.ms, registering the topic with {@link ClusterMetadata} the first time.
 * Errors that waiting cannot cure (authorization, invalid topic) are thrown at once.
 *
 * <p>Thread-safe.
 */
public final class MetadataWaiter {
    /** Longest single wait before the snapshot is checked again. */
    private static final long RECHECK_MS = 100;
    private static final Set<ErrorCode> FATAL = EnumSet.of(ErrorCode.TOPIC_AUTHORIZATION_FAILED, ErrorCode.INVALID_TOPIC_EXCEPTION);

    private final ClusterMetadata metadata;
    private final Time time;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    public MetadataWaiter(ClusterMetadata metadata, Time time) {
        this.metadata = metadata;
        this.time = time;
    }

    /**
     * The cluster view once {@code topic} (and {@code partition}, if not null) is known.
     *
     * @throws TimeoutException when it is not known within {@code maxBlockMs}
     * @throws KafkaException   when the partition does not exist although the topic does
     */
    public Cluster awaitTopic(String topic, Integer partition, long maxBlockMs) {
        long startMs = time.milliseconds();
        if (!registered.contains(topic) && registered.add(topic)) {
            metadata.addTopics(List.of(topic));
        }
        while (true) {
            MetadataSnapshot snapshot = metadata.snapshot();
            Cluster cluster = snapshot.cluster();
            Integer count = cluster.partitionCountForTopic(topic);
            if (count != null && count > 0 && (partition == null || partition < count)) {
                return cluster;
            }
            ErrorCode error = snapshot.topicErrors().get(topic);
            if (error != null && FATAL.contains(error)) {
                throw Errors.toException(error);
            }
            long elapsedMs = time.milliseconds() - startMs;
            if (elapsedMs >= maxBlockMs) {
                if (count != null && count > 0) {
                    throw new KafkaException("Invalid partition given with record: " + partition + " is not in the range [0..."
                        + count + "].");
                }
                throw new TimeoutException("Topic " + topic + " not present in metadata after " + maxBlockMs + " ms.");
            }
            try {
                metadata.requestUpdate().get(Math.min(RECHECK_MS, maxBlockMs - elapsedMs), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                throw new InterruptException(e);
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                // look at the snapshot again; a failed refresh is retried by the metadata ticker
            }
        }
    }
}
