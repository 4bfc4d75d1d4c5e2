package io.samsa.client.producer;

import io.samsa.client.common.Cluster;
import io.samsa.client.common.Metric;
import io.samsa.client.common.MetricName;
import io.samsa.client.common.PartitionInfo;
import io.samsa.client.common.TopicPartition;
import io.samsa.client.common.header.Header;
import io.samsa.client.common.header.RecordHeaders;
import io.samsa.client.config.CommonClientConfigs;
import io.samsa.client.consumer.ConsumerGroupMetadata;
import io.samsa.client.consumer.OffsetAndMetadata;
import io.samsa.client.errors.ApiException;
import io.samsa.client.errors.InterruptException;
import io.samsa.client.errors.KafkaException;
import io.samsa.client.errors.RecordTooLargeException;
import io.samsa.client.errors.SerializationException;
import io.samsa.client.errors.TimeoutException;
import io.samsa.client.internals.metadata.ClusterMetadata;
import io.samsa.client.internals.metadata.CoordinatorLookup;
import io.samsa.client.internals.network.NetworkClient;
import io.samsa.client.internals.network.NetworkConfig;
import io.samsa.client.producer.internals.BufferPool;
import io.samsa.client.producer.internals.BuiltInPartitioner;
import io.samsa.client.producer.internals.IdempotenceState;
import io.samsa.client.producer.internals.MetadataWaiter;
import io.samsa.client.producer.internals.NetworkTxnChannel;
import io.samsa.client.producer.internals.ProducerBatch;
import io.samsa.client.producer.internals.ProducerMetrics;
import io.samsa.client.producer.internals.RecordAccumulator;
import io.samsa.client.producer.internals.Sender;
import io.samsa.client.producer.internals.SenderConfig;
import io.samsa.client.producer.internals.TransactionManager;
import io.samsa.client.producer.internals.TransactionalRequestResult;
import io.samsa.client.serialization.Serializer;
import io.samsa.protocol.record.CompressionType;
import io.samsa.protocol.record.RecordHeader;
import io.samsa.protocol.util.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samsa's producer, with kafka-clients' behaviour: records are partitioned (murmur2 of the key,
 * sticky batches without one, or a custom {@link Partitioner}), buffered per partition by the
 * {@link RecordAccumulator} within buffer.memory, and sent by a background {@link Sender} thread
 * over the shared {@link NetworkClient}. Idempotence (the default with acks=all) gives each
 * partition's batches sequence numbers so retries never duplicate or reorder. With transactional.id
 * the producer is transactional, with kafka-clients' API and error semantics ({@link #initTransactions},
 * {@link #beginTransaction}, {@link #sendOffsetsToTransaction}, {@link #commitTransaction},
 * {@link #abortTransaction}; see {@link TransactionManager}).
 *
 * <p>Errors, as Kafka's: API errors (metadata or memory wait past max.block.ms, a record over
 * max.request.size) complete the returned future and the callback exceptionally; bad arguments,
 * serialization failures and use after close throw from send().
 *
 * <p>Thread-safe: share one producer between threads. Callbacks run on the I/O thread, in order per
 * partition, and must not block.
 */
public final class SamsaProducer<K, V> implements Producer<K, V> {
    private static final Logger LOG = LoggerFactory.getLogger(SamsaProducer.class);

    private final ProducerConfig config;
    private final Time time;
    private final Serializer<K> keySerializer;
    private final Serializer<V> valueSerializer;
    private final Partitioner customPartitioner;
    private final BuiltInPartitioner builtInPartitioner;
    private final NetworkClient network;
    private final MetadataWaiter metadataWaiter;
    private final RecordAccumulator accumulator;
    private final ProducerMetrics metrics;
    private final Sender sender;
    /** Null without transactional.id. */
    private final TransactionManager transactions;
    private final Thread ioThread;
    private final long maxBlockMs;
    private final int maxRequestSizeBytes;
    private final long bufferMemoryBytes;
    private final AtomicBoolean closed = new AtomicBoolean();

    public SamsaProducer(Properties props) {
        this(new ProducerConfig(props), null, null, Time.SYSTEM);
    }

    public SamsaProducer(Properties props, Serializer<K> keySerializer, Serializer<V> valueSerializer) {
        this(propertiesToMap(props), keySerializer, valueSerializer);
    }

    public SamsaProducer(Map<String, Object> configs) {
        this(new ProducerConfig(configs), null, null, Time.SYSTEM);
    }

    public SamsaProducer(Map<String, Object> configs, Serializer<K> keySerializer, Serializer<V> valueSerializer) {
        this(configs, keySerializer, valueSerializer, Time.SYSTEM);
    }

    /** For tests that inject time. */
    public SamsaProducer(Map<String, Object> configs, Serializer<K> keySerializer, Serializer<V> valueSerializer, Time time) {
        this(new ProducerConfig(ProducerConfig.appendSerializerToConfig(configs, keySerializer, valueSerializer)),
            keySerializer, valueSerializer, time);
    }

    @SuppressWarnings("unchecked")
    private SamsaProducer(ProducerConfig config, Serializer<K> keySerializer, Serializer<V> valueSerializer, Time time) {
        this.config = config;
        this.time = time;
        Map<String, Object> originals = config.originals();
        this.keySerializer = keySerializer != null ? keySerializer
            : (Serializer<K>) newInstance(config.getClass(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG), Serializer.class);
        this.valueSerializer = valueSerializer != null ? valueSerializer
            : (Serializer<V>) newInstance(config.getClass(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG), Serializer.class);
        if (keySerializer == null) {
            this.keySerializer.configure(originals, true);
        }
        if (valueSerializer == null) {
            this.valueSerializer.configure(originals, false);
        }
        Class<?> partitionerClass = config.getClass(ProducerConfig.PARTITIONER_CLASS_CONFIG);
        this.customPartitioner = partitionerClass == null ? null : newInstance(partitionerClass, Partitioner.class);
        if (customPartitioner != null) {
            customPartitioner.configure(originals);
        }
        int batchSizeBytes = config.getInt(ProducerConfig.BATCH_SIZE_CONFIG);
        this.builtInPartitioner = new BuiltInPartitioner(Math.max(1, batchSizeBytes),
            config.getBoolean(ProducerConfig.PARTITIONER_IGNORE_KEYS_CONFIG), () -> ThreadLocalRandom.current().nextInt());
        this.maxBlockMs = config.getLong(ProducerConfig.MAX_BLOCK_MS_CONFIG);
        this.maxRequestSizeBytes = config.getInt(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        this.bufferMemoryBytes = config.getLong(ProducerConfig.BUFFER_MEMORY_CONFIG);
        String clientId = config.getString(ProducerConfig.CLIENT_ID_CONFIG);

        this.network = new NetworkClient(NetworkConfig.from(config), time);
        try {
            long retryBackoffMs = config.getLong(ProducerConfig.RETRY_BACKOFF_MS_CONFIG);
            ClusterMetadata metadata = new ClusterMetadata(network,
                ClusterMetadata.bootstrapNodes(config.getList(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)),
                config.getLong(ProducerConfig.METADATA_MAX_AGE_CONFIG), retryBackoffMs, true);
            this.metadataWaiter = new MetadataWaiter(metadata, time);
            BufferPool pool = new BufferPool(bufferMemoryBytes, time);
            this.accumulator = new RecordAccumulator(batchSizeBytes,
                CompressionType.forName(config.getString(ProducerConfig.COMPRESSION_TYPE_CONFIG)),
                config.getLong(ProducerConfig.LINGER_MS_CONFIG), retryBackoffMs,
                config.getInt(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG), pool);
            this.metrics = new ProducerMetrics(clientId, time, pool);
            String transactionalId = config.getString(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
            IdempotenceState idempotence = config.getBoolean(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)
                ? new IdempotenceState(transactionalId != null) : null;
            // the manager hands network answers to the sender thread, which is built after it
            java.util.concurrent.atomic.AtomicReference<Sender> senderRef = new java.util.concurrent.atomic.AtomicReference<>();
            this.transactions = transactionalId == null ? null : new TransactionManager(transactionalId,
                config.getInt(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), retryBackoffMs, idempotence,
                new NetworkTxnChannel(network, new CoordinatorLookup(network, metadata)), accumulator,
                task -> senderRef.get().enqueue(task), time);
            this.sender = new Sender(SenderConfig.from(config), accumulator, metadata, network, idempotence, transactions,
                metrics, time);
            senderRef.set(sender);
            this.ioThread = new Thread(sender, "samsa-producer-network-thread" + (clientId.isEmpty() ? "" : " | " + clientId));
            ioThread.setDaemon(true);
            ioThread.start();
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
    }

    private static Map<String, Object> propertiesToMap(Properties props) {
        Map<String, Object> map = new HashMap<>();
        props.forEach((k, v) -> map.put(String.valueOf(k), v));
        return map;
    }

    private static <T> T newInstance(Class<?> type, Class<T> expected) {
        if (!expected.isAssignableFrom(type)) {
            throw new KafkaException(type.getName() + " is not an instance of " + expected.getName());
        }
        try {
            return expected.cast(type.getConstructor().newInstance());
        } catch (ReflectiveOperationException e) {
            throw new KafkaException("Could not instantiate class " + type.getName(), e);
        }
    }

    @Override
    public Future<RecordMetadata> send(ProducerRecord<K, V> record) {
        return send(record, null);
    }

    @Override
    public Future<RecordMetadata> send(ProducerRecord<K, V> record, Callback callback) {
        if (closed.get()) {
            throw new IllegalStateException("Cannot perform operation after producer has been closed");
        }
        TopicPartition partition = null;
        try {
            long startMs = time.milliseconds();
            Cluster cluster = metadataWaiter.awaitTopic(record.topic(), record.partition(), maxBlockMs);
            // one clock read after the metadata wait serves the block budget, the timestamp and the batch's age
            long nowMs = time.milliseconds();
            long remainingBlockMs = Math.max(0, maxBlockMs - (nowMs - startMs));
            byte[] key = serialize(keySerializer, record, record.key(), "key", ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
            byte[] value = serialize(valueSerializer, record, record.value(), "value", ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
            partition = new TopicPartition(record.topic(), partition(record, key, value, cluster));
            ((RecordHeaders) record.headers()).setReadOnly();
            List<RecordHeader> headers = toRecordHeaders(record.headers().toArray());
            int recordBytes = ProducerBatch.estimateRecordBytes(key, value, headers);
            ensureValidRecordSize(ProducerBatch.estimateBatchBytes(recordBytes));
            long timestampMs = record.timestamp() == null ? nowMs : record.timestamp();
            if (transactions != null) {
                transactions.maybeAddPartition(partition);
            }
            RecordAccumulator.AppendResult result = accumulator.append(partition, timestampMs, key, value, headers, recordBytes,
                callback, remainingBlockMs, nowMs);
            if (customPartitioner == null && record.partition() == null) {
                builtInPartitioner.onAppend(record.topic(), partition.partition(), recordBytes, result.batchIsFull(), cluster);
            }
            if (result.batchIsFull() || result.newBatchCreated()) {
                sender.wakeup();
            }
            return result.future();
        } catch (ApiException e) {
            LOG.debug("Exception occurred during message send: {}", e.toString());
            if (callback != null) {
                TopicPartition failed = partition != null ? partition
                    : new TopicPartition(record.topic(), record.partition() == null ? RecordMetadata.UNKNOWN_PARTITION : record.partition());
                callback.onCompletion(new RecordMetadata(failed, -1, 0, -1, -1, -1), e);
            }
            return CompletableFuture.failedFuture(e);
        }
    }

    private <T> byte[] serialize(Serializer<T> serializer, ProducerRecord<K, V> record, T data, String what, String configKey) {
        try {
            return serializer.serialize(record.topic(), record.headers(), data);
        } catch (ClassCastException e) {
            throw new SerializationException("Can't convert " + what + " of class " + data.getClass().getName() + " to class "
                + serializer.getClass().getName() + " specified in " + configKey, e);
        }
    }

    private int partition(ProducerRecord<K, V> record, byte[] key, byte[] value, Cluster cluster) {
        if (record.partition() != null) {
            return record.partition();
        }
        if (customPartitioner != null) {
            int chosen = customPartitioner.partition(record.topic(), record.key(), key, record.value(), value, cluster);
            if (chosen < 0) {
                throw new IllegalArgumentException("The partitioner generated an invalid partition number: " + chosen
                    + ". Partition number should always be non-negative.");
            }
            return chosen;
        }
        return builtInPartitioner.partition(record.topic(), null, key, cluster);
    }

    private static List<RecordHeader> toRecordHeaders(Header[] headers) {
        if (headers.length == 0) {
            return List.of();
        }
        List<RecordHeader> converted = new ArrayList<>(headers.length);
        for (Header header : headers) {
            converted.add(RecordHeader.of(header.key(), header.value()));
        }
        return converted;
    }

    private void ensureValidRecordSize(int sizeBytes) {
        if (sizeBytes > maxRequestSizeBytes) {
            throw new RecordTooLargeException("The message is " + sizeBytes + " bytes when serialized which is larger than "
                + maxRequestSizeBytes + ", which is the value of the " + ProducerConfig.MAX_REQUEST_SIZE_CONFIG + " configuration.");
        }
        if (sizeBytes > bufferMemoryBytes) {
            throw new RecordTooLargeException("The message is " + sizeBytes + " bytes when serialized which is larger than the total "
                + "memory buffer you have configured with the " + ProducerConfig.BUFFER_MEMORY_CONFIG + " configuration.");
        }
    }

    /**
     * Gets the producer id for transactional.id, fencing any earlier producer with the same id and
     * completing (or aborting) what it left open. Call once, before any other transactional method.
     *
     * @throws IllegalStateException without transactional.id, or when called twice
     * @throws TimeoutException      after max.block.ms; calling again resumes the same initialization
     */
    @Override
    public void initTransactions() {
        await(transactionManager("initTransactions").initializeTransactions());
    }

    /** Starts a transaction (local only: the coordinator hears of it with the first partition or offsets). */
    @Override
    public void beginTransaction() {
        transactionManager("beginTransaction").beginTransaction();
    }

    /**
     * Adds the consumer's offsets to the transaction: they become the group's committed offsets with
     * the commit and are dropped on an abort. Blocks up to max.block.ms.
     */
    @Override
    public void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata groupMetadata) {
        TransactionManager manager = transactionManager("sendOffsetsToTransaction");
        if (groupMetadata == null) {
            throw new IllegalArgumentException("Consumer group metadata could not be null");
        }
        if (groupMetadata.generationId() > 0 && groupMetadata.memberId().isEmpty()) {
            throw new IllegalArgumentException("Passed in group metadata " + groupMetadata + " has generationId > 0 but member.id ");
        }
        await(manager.sendOffsetsToTransaction(offsets, groupMetadata));
    }

    /**
     * Sends what is buffered, waits for it, then commits. An abortable error in the transaction makes
     * this throw; call {@link #abortTransaction()} then.
     *
     * @throws TimeoutException after max.block.ms; calling again resumes the same commit
     */
    @Override
    public void commitTransaction() {
        await(transactionManager("commitTransaction").beginCommit());
    }

    /** Drops unsent records (their futures fail with TransactionAbortedException) and aborts the transaction. */
    @Override
    public void abortTransaction() {
        await(transactionManager("abortTransaction").beginAbort());
    }

    private TransactionManager transactionManager(String method) {
        if (closed.get()) {
            throw new IllegalStateException("Cannot perform operation after producer has been closed");
        }
        if (transactions == null) {
            throw new IllegalStateException("Transactional method invoked on a non-transactional producer: " + method);
        }
        return transactions;
    }

    /** Waits up to max.block.ms for a transactional call's result; one that timed out stays pending for a retried call. */
    private void await(TransactionalRequestResult result) {
        sender.wakeup();
        try {
            result.await(time, maxBlockMs);
        } catch (TimeoutException e) {
            throw e;
        } catch (RuntimeException e) {
            transactions.awaited(result);
            throw e;
        }
        transactions.awaited(result);
    }

    @Override
    public void flush() {
        if (Thread.currentThread() == ioThread) {
            throw new KafkaException("flush() must not be called from a callback: it would wait for itself");
        }
        accumulator.beginFlush();
        sender.wakeup();
        try {
            for (CompletableFuture<Void> completion : accumulator.incompleteCompletions()) {
                completion.get();
            }
        } catch (InterruptedException e) {
            throw new InterruptException("Flush interrupted.", e);
        } catch (ExecutionException e) {
            throw new KafkaException(e.getCause());
        } finally {
            accumulator.endFlush();
        }
    }

    @Override
    public List<PartitionInfo> partitionsFor(String topic) {
        if (closed.get()) {
            throw new IllegalStateException("Cannot perform operation after producer has been closed");
        }
        return metadataWaiter.awaitTopic(topic, null, maxBlockMs).partitionsForTopic(topic);
    }

    /** The network client, for tests that cut connections mid-flight. */
    NetworkClient networkClient() {
        return network;
    }

    /** For tests: runs {@code hook} on the I/O thread with the node id right after each Produce request is sent. */
    void afterProduceSent(java.util.function.IntConsumer hook) {
        sender.setAfterSendHook(hook);
    }

    @Override
    public Map<MetricName, ? extends Metric> metrics() {
        return metrics.metrics();
    }

    @Override
    public void close() {
        close(Duration.ofMillis(Long.MAX_VALUE));
    }

    @Override
    public void close(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("The timeout cannot be negative.");
        }
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        accumulator.close();
        boolean fromCallback = Thread.currentThread() == ioThread;
        if (fromCallback || timeout.isZero()) {
            sender.forceClose();
        } else {
            sender.initiateClose();
        }
        if (!fromCallback) {
            try {
                ioThread.join(timeout.toMillis() == Long.MAX_VALUE ? 0 : Math.max(1, timeout.toMillis()));
                if (ioThread.isAlive()) {
                    LOG.info("Closing the producer forcefully: buffered records did not complete within {} ms", timeout.toMillis());
                    sender.forceClose();
                    ioThread.join();
                }
            } catch (InterruptedException e) {
                sender.forceClose();
                Thread.currentThread().interrupt();
            }
            network.close();
        }
        closeQuietly(keySerializer);
        closeQuietly(valueSerializer);
        closeQuietly(customPartitioner);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("Failed to close {}", closeable, e);
        }
    }
}
