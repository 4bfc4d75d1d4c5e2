package io.samsa.coordinator;

/**
 * The Kafka error codes the coordinator produces, with Kafka's numeric values.
 *
 * <p>This enum is the one place that couples the coordinator to Kafka's error numbering. When the
 * protocol module's shared error enum lands, replace the body of {@link #code()} users with a
 * mapping to it here, and nothing else in the coordinator changes. Immutable; thread-safe.
 */
public enum CoordinatorError {
    NONE(0),
    UNKNOWN_SERVER_ERROR(-1),
    OFFSET_METADATA_TOO_LARGE(12),
    COORDINATOR_LOAD_IN_PROGRESS(14),
    COORDINATOR_NOT_AVAILABLE(15),
    NOT_COORDINATOR(16),
    RECORD_LIST_TOO_LARGE(18),
    ILLEGAL_GENERATION(22),
    INCONSISTENT_GROUP_PROTOCOL(23),
    INVALID_GROUP_ID(24),
    UNKNOWN_MEMBER_ID(25),
    INVALID_SESSION_TIMEOUT(26),
    REBALANCE_IN_PROGRESS(27),
    INVALID_COMMIT_OFFSET_SIZE(28),
    UNSUPPORTED_VERSION(35),
    INVALID_REQUEST(42),
    NON_EMPTY_GROUP(68),
    GROUP_ID_NOT_FOUND(69),
    MEMBER_ID_REQUIRED(79),
    GROUP_MAX_SIZE_REACHED(81),
    FENCED_INSTANCE_ID(82),
    GROUP_SUBSCRIBED_TO_TOPIC(86);

    private final short code;

    CoordinatorError(int code) {
        this.code = (short) code;
    }

    /** @return Kafka's wire error code */
    public short code() {
        return code;
    }

    /** @return a throwable carrying this error, for failing a future */
    public CoordinatorException exception(String message) {
        return new CoordinatorException(this, message);
    }
}
