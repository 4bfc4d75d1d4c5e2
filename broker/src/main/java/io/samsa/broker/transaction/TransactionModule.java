package io.samsa.broker.transaction;

import io.samsa.broker.lifecycle.BrokerModule;
import io.samsa.broker.api.ApiHandler;
import io.samsa.broker.config.BrokerConfig;
import io.samsa.broker.config.BrokerConfigKeys;
import io.samsa.broker.data.DataModule;
import io.samsa.broker.data.produce.TransactionMarkerWriter;
import io.samsa.broker.data.produce.TransactionalInitProducerId;
import io.samsa.broker.group.CoordinatorKeyType;
import io.samsa.broker.group.CoordinatorLocator;
import io.samsa.broker.group.ImageCoordinatorLocator;
import io.samsa.broker.group.OffsetsTopic;
import io.samsa.broker.interbroker.InterBrokerClient;
import io.samsa.broker.interbroker.InterBrokerSettings;
import io.samsa.broker.lifecycle.BrokerComponent;
import io.samsa.broker.metadata.LocalBroker;
import io.samsa.broker.replication.ReplicaEndpoints;
import io.samsa.broker.replication.ReplicaManager;
import io.samsa.broker.topics.TopicRegistry;
import io.samsa.coordinator.transaction.TransactionCoordinatorService;
import io.samsa.metadata.quorum.MetadataQuorum;
import io.samsa.protocol.message.InitProducerIdRequest;
import io.samsa.protocol.message.InitProducerIdResponse;
import io.samsa.protocol.util.Time;
import io.samsa.storage.LogManager;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiPredicate;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Transactions: the transaction coordinator over {@code __transaction_state}, its marker sender,
 * and the APIs producers and admins call (AddPartitionsToTxn, AddOffsetsToTxn, EndTxn,
 * DescribeTransactions, ListTransactions; InitProducerId with a transactional id arrives through
 * the data module's handler, {@link #initProducerId()}; FindCoordinator key type 1 through the
 * group module's, {@link #keyType()}). WriteTxnMarkers, which appends markers to local leaders, is
 * the data module's; this module's marker channel sends it to the other brokers (cluster mode).
 *
 * <p>Wiring: after the data module (producer ids, the marker writer) and the group module:
 * <pre>
 *  TransactionModule transactions = new TransactionModule(config, time, registry, logs, localBroker, replicas, quorum, data, ...);
 *  data.transactions(transactions.initProducerId());
 *  groups.transactionCoordinators(transactions.keyType());
 * </pre>
 *
 * <p>Thread-safe after start.
 */
public final class TransactionModule implements BrokerModule {
    /** Kafka answers PRODUCER_FENCED to InitProducerId from v4; older clients get INVALID_PRODUCER_EPOCH. */
    static final short INIT_PRODUCER_ID_FIRST_FENCED_VERSION = 4;

    private final InterBrokerClient peers;
    private final MarkerChannel markers;
    private final TransactionCoordinatorComponent coordinator;
    private final CoordinatorLocator locator;
    private final BiPredicate<String, Integer> partitionExists;

    /**
     * @param quorum                 in cluster mode the metadata quorum, else null
     * @param peerEndpoints          the other brokers' inter-broker listeners (markers for the partitions they lead)
     * @param partitionExists        whether a topic partition exists (AddPartitionsToTxn refuses others)
     * @param offsetsTopicPartitions the partition count of {@code __consumer_offsets}, read once started
     */
    public TransactionModule(BrokerConfig config, Time time, TopicRegistry registry, Supplier<LogManager> logs,
                             Supplier<LocalBroker> localBroker, ReplicaManager replicas, Supplier<MetadataQuorum> quorum,
                             DataModule data, BiPredicate<String, Integer> partitionExists, IntSupplier offsetsTopicPartitions,
                             ReplicaEndpoints peerEndpoints) {
        this.partitionExists = partitionExists;
        TransactionMarkerWriter writer = data.markerWriter();
        LocalMarkers localMarkers = (partition, m) -> writer.write(partition.topic(), partition.partition(), m.producerId(),
                m.producerEpoch(), m.commit(), m.coordinatorEpoch());
        if (quorum == null) {
            this.peers = null;
            this.markers = new MarkerChannel(config.nodeId(), PartitionLeaders.singleNode(config.nodeId()), localMarkers,
                    callbacks -> RemoteMarkers.NONE);
        } else {
            this.peers = new InterBrokerClient(peerEndpoints, InterBrokerSettings.from(config));
            this.markers = new MarkerChannel(config.nodeId(), PartitionLeaders.fromImage(() -> quorum.get().currentImage()), localMarkers,
                    callbacks -> new WriteTxnMarkersClient(peers, callbacks));
        }
        this.coordinator = new TransactionCoordinatorComponent(config, time,
                new OffsetsTopic(TransactionCoordinatorService.STATE_TOPIC, registry, logs), replicas, quorum, markers,
                data.producerIds(), offsetsTopicPartitions);
        CoordinatorLocator local = CoordinatorLocator.localRuntime(() -> coordinator.service().runtime(), localBroker);
        this.locator = quorum == null ? (partition, listener) -> {
                    coordinator.activate();
                    return local.locate(partition, listener);
                }
                : new ImageCoordinatorLocator(quorum, TransactionCoordinatorService.STATE_TOPIC,
                        config.get(BrokerConfigKeys.TRANSACTION_STATE_LOG_NUM_PARTITIONS),
                        config.get(BrokerConfigKeys.TRANSACTION_STATE_LOG_REPLICATION_FACTOR).shortValue(),
                        coordinator.topicConfigs(), config.get(BrokerConfigKeys.CONTROLLER_QUORUM_REQUEST_TIMEOUT_MS));
    }

    /** @return how FindCoordinator locates a transactional id's coordinator */
    public CoordinatorKeyType keyType() {
        return new CoordinatorKeyType(id -> coordinator.service().partitionFor(id), locator);
    }

    /** @return where InitProducerId with a transactional id goes */
    public TransactionalInitProducerId initProducerId() {
        return (request, version) -> {
            coordinator.activate();
            return initProducerId(request, version);
        };
    }

    private CompletableFuture<InitProducerIdResponse> initProducerId(InitProducerIdRequest request, short version) {
        return coordinator.service()
                .initProducerId(request.transactionalId(), request.transactionTimeoutMs(), request.producerId(), request.producerEpoch())
                .thenApply(result -> new InitProducerIdResponse()
                        .setErrorCode(TransactionApiHandler.forVersion(result.error(), version, INIT_PRODUCER_ID_FIRST_FENCED_VERSION).code())
                        .setProducerId(result.producerId())
                        .setProducerEpoch(result.producerEpoch()));
    }

    @Override
    public List<BrokerComponent> components() {
        return peers == null ? List.of(markers, coordinator) : List.of(peers, markers, coordinator);
    }

    @Override
    public List<ApiHandler> handlers() {
        Supplier<TransactionCoordinatorService> service = coordinator::service;
        return List.of(
                new AddPartitionsToTxnApi(service, partitionExists),
                new AddOffsetsToTxnApi(service),
                new EndTxnApi(service),
                new DescribeTransactionsApi(service),
                new ListTransactionsApi(service));
    }
}
