package io.samsa.client.errors;

import io.samsa.protocol.ErrorCode;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The one mapping between broker error codes and client exceptions. Engines call
 * {@link #toException(ErrorCode, String)} at the edge, where a response's error code becomes
 * something thrown or completed exceptionally; nothing else in the client switches on codes to build
 * exceptions.
 *
 * <p>A code with no dedicated class maps to {@link RetriableException} when the code is retriable and
 * to {@link ApiException} otherwise, so retriability never depends on whether a class exists.
 *
 * <p>Thread-safe: the tables are built once and never change.
 */
public final class Errors {
    private static final Map<ErrorCode, Function<String, KafkaException>> FACTORIES = buildFactories();
    private static final Map<Class<? extends Throwable>, ErrorCode> CODES_BY_CLASS = buildReverse();

    private Errors() {
    }

    /**
     * The exception for a broker error.
     *
     * @param error   the code from the response; must not be {@link ErrorCode#NONE}
     * @param message the broker's error message, or null to use the code's default message
     */
    public static KafkaException toException(ErrorCode error, String message) {
        if (error == ErrorCode.NONE) {
            throw new IllegalArgumentException("ErrorCode.NONE is not an error");
        }
        String text = message == null || message.isEmpty() ? error.message() : message;
        Function<String, KafkaException> factory = FACTORIES.get(error);
        if (factory != null) {
            return factory.apply(text);
        }
        return error.retriable() ? new RetriableException(error.name() + ": " + text) : new ApiException(error.name() + ": " + text);
    }

    /** As {@link #toException(ErrorCode, String)} with the code's default message. */
    public static KafkaException toException(ErrorCode error) {
        return toException(error, null);
    }

    /**
     * The error code for an exception, walking up its class hierarchy; {@link ErrorCode#UNKNOWN_SERVER_ERROR}
     * when no class on the way has a code.
     */
    public static ErrorCode forException(Throwable t) {
        Class<?> type = t.getClass();
        while (type != null && Throwable.class.isAssignableFrom(type)) {
            ErrorCode code = CODES_BY_CLASS.get(type);
            if (code != null) {
                return code;
            }
            type = type.getSuperclass();
        }
        return ErrorCode.UNKNOWN_SERVER_ERROR;
    }

    /** The codes with a dedicated exception class (for tests and documentation). */
    public static Map<ErrorCode, Function<String, KafkaException>> mappedCodes() {
        return Collections.unmodifiableMap(FACTORIES);
    }

    private static Map<ErrorCode, Function<String, KafkaException>> buildFactories() {
        Map<ErrorCode, Function<String, KafkaException>> map = new EnumMap<>(ErrorCode.class);
        map.put(ErrorCode.OFFSET_OUT_OF_RANGE, OffsetOutOfRangeException::new);
        map.put(ErrorCode.INVALID_CONFIG, InvalidConfigurationException::new);
        map.put(ErrorCode.TOPIC_AUTHORIZATION_FAILED, TopicAuthorizationException::new);
        map.put(ErrorCode.GROUP_AUTHORIZATION_FAILED, GroupAuthorizationException::new);
        map.put(ErrorCode.CLUSTER_AUTHORIZATION_FAILED, ClusterAuthorizationException::new);
        map.put(ErrorCode.UNKNOWN_SERVER_ERROR, UnknownServerException::new);
        map.put(ErrorCode.CORRUPT_MESSAGE, CorruptRecordException::new);
        map.put(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, UnknownTopicOrPartitionException::new);
        map.put(ErrorCode.INVALID_FETCH_SIZE, InvalidFetchSizeException::new);
        map.put(ErrorCode.LEADER_NOT_AVAILABLE, LeaderNotAvailableException::new);
        map.put(ErrorCode.NOT_LEADER_OR_FOLLOWER, NotLeaderOrFollowerException::new);
        map.put(ErrorCode.REQUEST_TIMED_OUT, TimeoutException::new);
        map.put(ErrorCode.BROKER_NOT_AVAILABLE, BrokerNotAvailableException::new);
        map.put(ErrorCode.REPLICA_NOT_AVAILABLE, ReplicaNotAvailableException::new);
        map.put(ErrorCode.MESSAGE_TOO_LARGE, RecordTooLargeException::new);
        map.put(ErrorCode.OFFSET_METADATA_TOO_LARGE, OffsetMetadataTooLarge::new);
        map.put(ErrorCode.NETWORK_EXCEPTION, NetworkException::new);
        map.put(ErrorCode.COORDINATOR_LOAD_IN_PROGRESS, CoordinatorLoadInProgressException::new);
        map.put(ErrorCode.COORDINATOR_NOT_AVAILABLE, CoordinatorNotAvailableException::new);
        map.put(ErrorCode.NOT_COORDINATOR, NotCoordinatorException::new);
        map.put(ErrorCode.INVALID_TOPIC_EXCEPTION, InvalidTopicException::new);
        map.put(ErrorCode.RECORD_LIST_TOO_LARGE, RecordBatchTooLargeException::new);
        map.put(ErrorCode.NOT_ENOUGH_REPLICAS, NotEnoughReplicasException::new);
        map.put(ErrorCode.NOT_ENOUGH_REPLICAS_AFTER_APPEND, NotEnoughReplicasAfterAppendException::new);
        map.put(ErrorCode.INVALID_REQUIRED_ACKS, InvalidRequiredAcksException::new);
        map.put(ErrorCode.ILLEGAL_GENERATION, IllegalGenerationException::new);
        map.put(ErrorCode.INCONSISTENT_GROUP_PROTOCOL, InconsistentGroupProtocolException::new);
        map.put(ErrorCode.INVALID_GROUP_ID, InvalidGroupIdException::new);
        map.put(ErrorCode.UNKNOWN_MEMBER_ID, UnknownMemberIdException::new);
        map.put(ErrorCode.INVALID_SESSION_TIMEOUT, InvalidSessionTimeoutException::new);
        map.put(ErrorCode.REBALANCE_IN_PROGRESS, RebalanceInProgressException::new);
        map.put(ErrorCode.INVALID_COMMIT_OFFSET_SIZE, InvalidCommitOffsetSizeException::new);
        map.put(ErrorCode.INVALID_TIMESTAMP, InvalidTimestampException::new);
        map.put(ErrorCode.UNSUPPORTED_VERSION, UnsupportedVersionException::new);
        map.put(ErrorCode.TOPIC_ALREADY_EXISTS, TopicExistsException::new);
        map.put(ErrorCode.INVALID_PARTITIONS, InvalidPartitionsException::new);
        map.put(ErrorCode.INVALID_REPLICATION_FACTOR, InvalidReplicationFactorException::new);
        map.put(ErrorCode.INVALID_REPLICA_ASSIGNMENT, InvalidReplicaAssignmentException::new);
        map.put(ErrorCode.NOT_CONTROLLER, NotControllerException::new);
        map.put(ErrorCode.INVALID_REQUEST, InvalidRequestException::new);
        map.put(ErrorCode.POLICY_VIOLATION, PolicyViolationException::new);
        map.put(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, OutOfOrderSequenceException::new);
        map.put(ErrorCode.DUPLICATE_SEQUENCE_NUMBER, DuplicateSequenceException::new);
        map.put(ErrorCode.INVALID_PRODUCER_EPOCH, InvalidProducerEpochException::new);
        map.put(ErrorCode.INVALID_TXN_STATE, InvalidTxnStateException::new);
        map.put(ErrorCode.CONCURRENT_TRANSACTIONS, ConcurrentTransactionsException::new);
        map.put(ErrorCode.KAFKA_STORAGE_ERROR, KafkaStorageException::new);
        map.put(ErrorCode.UNKNOWN_PRODUCER_ID, UnknownProducerIdException::new);
        map.put(ErrorCode.NON_EMPTY_GROUP, GroupNotEmptyException::new);
        map.put(ErrorCode.GROUP_ID_NOT_FOUND, GroupIdNotFoundException::new);
        map.put(ErrorCode.FETCH_SESSION_ID_NOT_FOUND, FetchSessionIdNotFoundException::new);
        map.put(ErrorCode.INVALID_FETCH_SESSION_EPOCH, InvalidFetchSessionEpochException::new);
        map.put(ErrorCode.FENCED_LEADER_EPOCH, FencedLeaderEpochException::new);
        map.put(ErrorCode.UNKNOWN_LEADER_EPOCH, UnknownLeaderEpochException::new);
        map.put(ErrorCode.UNSUPPORTED_COMPRESSION_TYPE, UnsupportedCompressionTypeException::new);
        map.put(ErrorCode.OFFSET_NOT_AVAILABLE, OffsetNotAvailableException::new);
        map.put(ErrorCode.MEMBER_ID_REQUIRED, MemberIdRequiredException::new);
        map.put(ErrorCode.GROUP_MAX_SIZE_REACHED, GroupMaxSizeReachedException::new);
        map.put(ErrorCode.FENCED_INSTANCE_ID, FencedInstanceIdException::new);
        map.put(ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC, GroupSubscribedToTopicException::new);
        map.put(ErrorCode.INVALID_RECORD, InvalidRecordException::new);
        map.put(ErrorCode.UNSTABLE_OFFSET_COMMIT, UnstableOffsetCommitException::new);
        map.put(ErrorCode.THROTTLING_QUOTA_EXCEEDED, ThrottlingQuotaExceededException::new);
        map.put(ErrorCode.PRODUCER_FENCED, ProducerFencedException::new);
        map.put(ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED, TransactionalIdAuthorizationException::new);
        map.put(ErrorCode.UNKNOWN_TOPIC_ID, UnknownTopicIdException::new);
        map.put(ErrorCode.INCONSISTENT_TOPIC_ID, InconsistentTopicIdException::new);
        map.put(ErrorCode.FENCED_MEMBER_EPOCH, FencedMemberEpochException::new);
        map.put(ErrorCode.UNRELEASED_INSTANCE_ID, UnreleasedInstanceIdException::new);
        map.put(ErrorCode.UNSUPPORTED_ASSIGNOR, UnsupportedAssignorException::new);
        map.put(ErrorCode.STALE_MEMBER_EPOCH, StaleMemberEpochException::new);
        map.put(ErrorCode.INVALID_REGULAR_EXPRESSION, InvalidRegularExpression::new);
        map.put(ErrorCode.TRANSACTION_ABORTABLE, TransactionAbortableException::new);
        return map;
    }

    private static Map<Class<? extends Throwable>, ErrorCode> buildReverse() {
        Map<Class<? extends Throwable>, ErrorCode> reverse = new HashMap<>();
        for (Map.Entry<ErrorCode, Function<String, KafkaException>> entry : FACTORIES.entrySet()) {
            reverse.putIfAbsent(entry.getValue().apply("").getClass(), entry.getKey());
        }
        return reverse;
    }
}
