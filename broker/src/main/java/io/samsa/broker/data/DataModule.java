package io.samsa.broker.data;

import io.samsa.broker.api.ApiHandler;
import io.samsa.broker.config.BrokerConfig;
import io.samsa.broker.config.BrokerConfigKeys;
import io.samsa.broker.data.fetch.FetchHandler;
import io.samsa.broker.data.fetch.FetchPurgatory;
import io.samsa.broker.data.fetch.FetchReader;
import io.samsa.broker.data.fetch.FetchSessions;
import io.samsa.broker.data.offsets.DeleteRecordsHandler;
import io.samsa.broker.data.offsets.ListOffsetsHandler;
import io.samsa.broker.data.offsets.OffsetForLeaderEpochHandler;
import io.samsa.broker.data.partitions.PartitionLookup;
import io.samsa.broker.data.partitions.TopicTrafficListener;
import io.samsa.broker.data.produce.DescribeProducersHandler;
import io.samsa.broker.data.produce.InitProducerIdHandler;
import io.samsa.broker.data.produce.ProduceHandler;
import io.samsa.broker.data.produce.ProducePurgatory;
import io.samsa.broker.data.produce.ProducerIdAllocator;
import io.samsa.broker.data.produce.ProducerIdExpiry;
import io.samsa.broker.data.produce.ProducerIdSource;
import io.samsa.broker.data.produce.ProducerStateTable;
import io.samsa.broker.data.produce.TransactionMarkerWriter;
import io.samsa.broker.data.produce.TransactionVerifier;
import io.samsa.broker.data.produce.TransactionalInitProducerId;
import io.samsa.broker.data.produce.WriteTxnMarkersHandler;
import io.samsa.broker.lifecycle.BrokerComponent;
import io.samsa.broker.lifecycle.BrokerModule;
import io.samsa.broker.replication.AlterPartitionSender;
import io.samsa.broker.replication.ReplicaManager;
import io.samsa.broker.replication.ReplicationConfig;
import io.samsa.protocol.util.Time;
import io.samsa.storage.LogManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The data plane: Produce, Fetch (with long-poll), ListOffsets, InitProducerId, DeleteRecords,
 * OffsetForLeaderEpoch and DescribeProducers over the partition logs.
 *
 * <p>Components: the producer-id allocator (its block file in the first log dir), the replica
 * manager (roles of replicated partitions, ISR expiry), the fetch purgatory (parked long-poll
 * fetches, completed by appends, high-watermark changes or their deadline), the produce purgatory
 * (acks=all produces waiting for the ISR), the replica fetchers when given, and the expiry of
 * idle producer ids. They start after storage and close before it; closing the purgatory answers
 * every parked fetch.
 *
 * <p>Thread-safe after start.
 */
public final class DataModule implements BrokerModule {
    private final PartitionLookup partitions;
    private final ProducerStateTable producerStates;
    private final ProducerIdExpiry producerIdExpiry;
    private final ProducerIdSource producerIds;
    private final FetchPurgatory purgatory;
    private final FetchReader reader;
    private final BrokerConfig config;
    private final Time time;
    private final ReplicaManager replicas;
    private final ProducePurgatory producePurgatory;
    private final BrokerComponent fetchers;
    private final TransactionVerifier verifier;
    private final TransactionMarkerWriter markerWriter;
    private volatile TransactionalInitProducerId transactions;
    private TopicTrafficListener traffic = TopicTrafficListener.NONE;

    /**
     * @param logs    the log manager (usable once storage started)
     * @param dataDir where the producer-id block file lives
     */
    public DataModule(BrokerConfig config, Time time, Supplier<LogManager> logs, Path dataDir) {
        this(config, time, logs, dataDir, new ReplicaManager(ReplicationConfig.from(config), time, logs, AlterPartitionSender.NONE),
                null);
    }

    /**
     * @param replicas the roles of replicated partitions (a partition without one is single-node)
     * @param fetchers the replica fetchers (a component of this module, started after the replica manager), or null
     */
    public DataModule(BrokerConfig config, Time time, Supplier<LogManager> logs, Path dataDir, ReplicaManager replicas,
                      BrokerComponent fetchers) {
        this(config, time, new PartitionLookup(logs), new ProducerIdAllocator(dataDir), replicas, fetchers);
    }

    /**
     * @param partitions  the partition logs, and which partitions exist wherever their replicas are
     * @param producerIds where InitProducerId takes ids (in a cluster: blocks from the controller)
     */
    public DataModule(BrokerConfig config, Time time, PartitionLookup partitions, ProducerIdSource producerIds,
                      ReplicaManager replicas, BrokerComponent fetchers) {
        this(config, time, partitions, producerIds, replicas, fetchers, TransactionVerifier.NONE);
    }

    /**
     * @param transactions whether a producer's transaction is open for a partition (the transaction
     *                     coordinator's check); {@link TransactionVerifier#NONE} refuses every transactional produce
     */
    public DataModule(BrokerConfig config, Time time, PartitionLookup partitions, ProducerIdSource producerIds,
                      ReplicaManager replicas, BrokerComponent fetchers, TransactionVerifier transactions) {
        this.config = config;
        this.verifier = transactions;
        this.time = time;
        this.replicas = replicas;
        this.fetchers = fetchers;
        this.partitions = partitions;
        this.producerStates = new ProducerStateTable(time, config.get(BrokerConfigKeys.PRODUCER_ID_EXPIRATION_MS));
        this.producerIdExpiry = new ProducerIdExpiry(producerStates,
                config.get(BrokerConfigKeys.PRODUCER_ID_EXPIRATION_CHECK_INTERVAL_MS));
        this.producerIds = producerIds;
        this.reader = new FetchReader(partitions, config.get(BrokerConfigKeys.FETCH_MAX_BYTES), replicas, time);
        this.purgatory = new FetchPurgatory(reader, time);
        this.producePurgatory = new ProducePurgatory();
        this.markerWriter = new TransactionMarkerWriter(partitions, replicas, time);
        replicas.addListener(purgatory);
        replicas.addListener(producePurgatory);
        replicas.addRoleListener(producerStates::invalidate);
    }

    @Override
    public List<BrokerComponent> components() {
        List<BrokerComponent> components = new ArrayList<>(List.of(producerIds, replicas, purgatory, producePurgatory));
        if (fetchers != null) {
            components.add(fetchers);
        }
        components.add(producerIdExpiry);
        return components;
    }

    /** @return where transaction markers are appended to the partitions this broker leads */
    public TransactionMarkerWriter markerWriter() {
        return markerWriter;
    }

    /** @return where producer ids come from (the transaction coordinator takes its ids here too) */
    public ProducerIdSource producerIds() {
        return producerIds;
    }

    /** Sends InitProducerId with a transactional id to the transaction coordinator; call before {@link #handlers()} is used. */
    public void transactions(TransactionalInitProducerId coordinator) {
        this.transactions = coordinator;
    }

    /** Counts produce and fetch traffic per topic (the broker's metrics); call before {@link #handlers()} is used. */
    public void traffic(TopicTrafficListener listener) {
        this.traffic = listener;
    }

    @Override
    public List<ApiHandler> handlers() {
        return List.of(
                // until the coordinator verifies partitions (KIP-890), a running coordinator admits a named
                // transactional producer's batches; without one, the verifier given (NONE refuses them all)
                new ProduceHandler(partitions, producerStates, time, replicas, producePurgatory,
                        (id, producerId, epoch, partition) -> transactions != null
                                || verifier.isOpen(id, producerId, epoch, partition), traffic),
                new FetchHandler(reader, purgatory,
                        new FetchSessions(config.get(BrokerConfigKeys.MAX_INCREMENTAL_FETCH_SESSION_CACHE_SLOTS)), traffic),
                new ListOffsetsHandler(partitions, replicas),
                new InitProducerIdHandler(producerIds, () -> transactions),
                new WriteTxnMarkersHandler(markerWriter),
                new DeleteRecordsHandler(partitions, replicas),
                new OffsetForLeaderEpochHandler(partitions, replicas),
                new DescribeProducersHandler(partitions, producerStates));
    }
}
