package io.samsa.client.producer;

import io.samsa.client.common.Metric;
import io.samsa.client.common.MetricName;
import io.samsa.client.common.PartitionInfo;
import io.samsa.client.common.TopicPartition;
import io.samsa.client.consumer.ConsumerGroupMetadata;
import io.samsa.client.consumer.OffsetAndMetadata;
import java.io.Closeable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

/**
 * The producer API, the same methods as Kafka's {@code Producer}. Implementations are thread-safe:
 * one producer is meant to be shared by all threads of an application.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface Producer<K, V> extends Closeable {

    /** Gets the transactional producer its id and epoch, fencing older producers with the same transactional.id. */
    void initTransactions();

    /** Starts a transaction. */
    void beginTransaction();

    /** Adds consumed offsets to the current transaction. */
    void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata groupMetadata);

    /** Commits the current transaction, after sending everything buffered. */
    void commitTransaction();

    /** Aborts the current transaction, dropping records not yet sent. */
    void abortTransaction();

    /** Sends asynchronously; the future completes with the record's metadata or its failure. */
    Future<RecordMetadata> send(ProducerRecord<K, V> record);

    /** As {@link #send(ProducerRecord)}, also calling {@code callback} on completion (may be null). */
    Future<RecordMetadata> send(ProducerRecord<K, V> record, Callback callback);

    /** Sends everything buffered now and blocks until all records sent so far have completed. */
    void flush();

    /** The partitions of a topic, fetching metadata if needed (blocks up to max.block.ms). */
    List<PartitionInfo> partitionsFor(String topic);

    /** The producer's metrics. */
    Map<MetricName, ? extends Metric> metrics();

    /** Closes, waiting for buffered records to be sent. */
    @Override
    void close();

    /** Closes, waiting at most {@code timeout} for buffered records; the rest fail. */
    void close(Duration timeout);
}
