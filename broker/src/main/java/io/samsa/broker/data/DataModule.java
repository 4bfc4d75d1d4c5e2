package io.samsa.broker.data;

import io.samsa.broker.BrokerModule;
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
import io.samsa.broker.data.produce.DescribeProducersHandler;
import io.samsa.broker.data.produce.InitProducerIdHandler;
import io.samsa.broker.data.produce.ProduceHandler;
import io.samsa.broker.data.produce.ProducerIdAllocator;
import io.samsa.broker.data.produce.ProducerIdExpiry;
import io.samsa.broker.data.produce.ProducerStateTable;
import io.samsa.broker.lifecycle.BrokerComponent;
import io.samsa.protocol.util.Time;
import io.samsa.storage.LogManager;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The data plane: Produce, Fetch (with long-poll), ListOffsets, InitProducerId, DeleteRecords,
 * OffsetForLeaderEpoch and DescribeProducers over the partition logs.
 *
 * <p>Components: the producer-id allocator (its block file in the first log dir), the fetch
 * purgatory (parked long-poll fetches, completed by appends or their deadline) and the expiry of
 * idle producer ids. They start after storage and close before it; closing the purgatory answers
 * every parked fetch.
 *
 * <p>Thread-safe after start.
 */
public final class DataModule implements BrokerModule {
    private final PartitionLookup partitions;
    private final ProducerStateTable producerStates;
    private final ProducerIdExpiry producerIdExpiry;
    private final ProducerIdAllocator producerIds;
    private final FetchPurgatory purgatory;
    private final FetchReader reader;
    private final BrokerConfig config;
    private final Time time;

    /**
     * @param logs    the log manager (usable once storage started)
     * @param dataDir where the producer-id block file lives
     */
    public DataModule(BrokerConfig config, Time time, Supplier<LogManager> logs, Path dataDir) {
        this.config = config;
        this.time = time;
        this.partitions = new PartitionLookup(logs);
        this.producerStates = new ProducerStateTable(time, config.get(BrokerConfigKeys.PRODUCER_ID_EXPIRATION_MS));
        this.producerIdExpiry = new ProducerIdExpiry(producerStates,
                config.get(BrokerConfigKeys.PRODUCER_ID_EXPIRATION_CHECK_INTERVAL_MS));
        this.producerIds = new ProducerIdAllocator(dataDir);
        this.reader = new FetchReader(partitions, config.get(BrokerConfigKeys.FETCH_MAX_BYTES));
        this.purgatory = new FetchPurgatory(reader, time);
    }

    @Override
    public List<BrokerComponent> components() {
        return List.of(producerIds, purgatory, producerIdExpiry);
    }

    @Override
    public List<ApiHandler> handlers() {
        return List.of(
                new ProduceHandler(partitions, producerStates, time),
                new FetchHandler(reader, purgatory,
                        new FetchSessions(config.get(BrokerConfigKeys.MAX_INCREMENTAL_FETCH_SESSION_CACHE_SLOTS))),
                new ListOffsetsHandler(partitions),
                new InitProducerIdHandler(producerIds),
                new DeleteRecordsHandler(partitions),
                new OffsetForLeaderEpochHandler(partitions),
                new DescribeProducersHandler(partitions, producerStates));
    }
}
