package io.samsa.protocol;

/**
 * The Kafka APIs Samsa serves, with the version ranges the broker advertises in ApiVersions and
 * the (possibly narrower) range it actually accepts.
 *
 * <p>The two ranges differ only where a client needs to see an old version advertised to switch a
 * feature on: librdkafka enables gzip/snappy/lz4 only when Produce v0 is advertised, yet, like
 * Kafka 4.x, Samsa refuses Produce v0-2 (KIP-896) by closing the connection. See
 * {@code shared/protocol/COMPATIBILITY.md} section 2 for why each range is what it is.
 */
public enum ApiKey {
    PRODUCE(0, "Produce", 0, 11, 3),
    FETCH(1, "Fetch", 4, 12),
    LIST_OFFSETS(2, "ListOffsets", 1, 10),
    METADATA(3, "Metadata", 0, 12),
    OFFSET_COMMIT(8, "OffsetCommit", 2, 9),
    OFFSET_FETCH(9, "OffsetFetch", 1, 9),
    FIND_COORDINATOR(10, "FindCoordinator", 0, 6),
    JOIN_GROUP(11, "JoinGroup", 0, 9),
    HEARTBEAT(12, "Heartbeat", 0, 4),
    LEAVE_GROUP(13, "LeaveGroup", 0, 5),
    SYNC_GROUP(14, "SyncGroup", 0, 5),
    DESCRIBE_GROUPS(15, "DescribeGroups", 0, 5),
    LIST_GROUPS(16, "ListGroups", 0, 5),
    API_VERSIONS(18, "ApiVersions", 0, 4),
    CREATE_TOPICS(19, "CreateTopics", 2, 7),
    DELETE_TOPICS(20, "DeleteTopics", 1, 6),
    DELETE_RECORDS(21, "DeleteRecords", 0, 2),
    INIT_PRODUCER_ID(22, "InitProducerId", 0, 5),
    OFFSET_FOR_LEADER_EPOCH(23, "OffsetForLeaderEpoch", 2, 4),
    ADD_PARTITIONS_TO_TXN(24, "AddPartitionsToTxn", 0, 5),
    ADD_OFFSETS_TO_TXN(25, "AddOffsetsToTxn", 0, 4),
    END_TXN(26, "EndTxn", 0, 4),
    WRITE_TXN_MARKERS(27, "WriteTxnMarkers", 1, 1),
    TXN_OFFSET_COMMIT(28, "TxnOffsetCommit", 0, 5),
    DESCRIBE_ACLS(29, "DescribeAcls", 1, 3),
    CREATE_ACLS(30, "CreateAcls", 1, 3),
    DELETE_ACLS(31, "DeleteAcls", 1, 3),
    DESCRIBE_CONFIGS(32, "DescribeConfigs", 1, 4),
    DESCRIBE_LOG_DIRS(35, "DescribeLogDirs", 1, 4),
    CREATE_PARTITIONS(37, "CreatePartitions", 0, 3),
    DELETE_GROUPS(42, "DeleteGroups", 0, 2),
    ELECT_LEADERS(43, "ElectLeaders", 0, 2),
    INCREMENTAL_ALTER_CONFIGS(44, "IncrementalAlterConfigs", 0, 1),
    ALTER_PARTITION_REASSIGNMENTS(45, "AlterPartitionReassignments", 0, 1),
    LIST_PARTITION_REASSIGNMENTS(46, "ListPartitionReassignments", 0, 0),
    OFFSET_DELETE(47, "OffsetDelete", 0, 0),
    DESCRIBE_CLIENT_QUOTAS(48, "DescribeClientQuotas", 0, 1),
    ALTER_CLIENT_QUOTAS(49, "AlterClientQuotas", 0, 1),
    DESCRIBE_QUORUM(55, "DescribeQuorum", 0, 2),
    DESCRIBE_CLUSTER(60, "DescribeCluster", 0, 2),
    DESCRIBE_PRODUCERS(61, "DescribeProducers", 0, 0),
    DESCRIBE_TRANSACTIONS(65, "DescribeTransactions", 0, 0),
    LIST_TRANSACTIONS(66, "ListTransactions", 0, 2),
    CONSUMER_GROUP_HEARTBEAT(68, "ConsumerGroupHeartbeat", 0, 1),
    CONSUMER_GROUP_DESCRIBE(69, "ConsumerGroupDescribe", 0, 1);

    private static final ApiKey[] BY_ID;

    static {
        int max = 0;
        for (ApiKey api : values()) {
            max = Math.max(max, api.id);
        }
        BY_ID = new ApiKey[max + 1];
        for (ApiKey api : values()) {
            BY_ID[api.id] = api;
        }
    }

    private final short id;
    private final String displayName;
    private final short advertisedMin;
    private final short advertisedMax;
    private final short acceptedMin;

    ApiKey(int id, String displayName, int advertisedMin, int advertisedMax) {
        this(id, displayName, advertisedMin, advertisedMax, advertisedMin);
    }

    ApiKey(int id, String displayName, int advertisedMin, int advertisedMax, int acceptedMin) {
        this.id = (short) id;
        this.displayName = displayName;
        this.advertisedMin = (short) advertisedMin;
        this.advertisedMax = (short) advertisedMax;
        this.acceptedMin = (short) acceptedMin;
    }

    /** The api_key on the wire. */
    public short id() {
        return id;
    }

    /** The API's name as Kafka spells it, e.g. {@code JoinGroup}. */
    public String displayName() {
        return displayName;
    }

    /** The lowest version listed in Samsa's ApiVersions response. */
    public short advertisedMin() {
        return advertisedMin;
    }

    /** The highest version listed in Samsa's ApiVersions response. */
    public short advertisedMax() {
        return advertisedMax;
    }

    /** The lowest version Samsa decodes and answers; below it the connection is closed. */
    public short acceptedMin() {
        return acceptedMin;
    }

    /** Whether requests of this version are decoded and answered. */
    public boolean accepts(short version) {
        return version >= acceptedMin && version <= advertisedMax;
    }

    /** The API for a wire key, or null when Samsa does not serve it. */
    public static ApiKey forId(short id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
