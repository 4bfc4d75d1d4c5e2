package io.samsa.broker.config;

import static io.samsa.broker.config.Validator.any;
import static io.samsa.broker.config.Validator.atLeast;
import static io.samsa.broker.config.Validator.between;
import static io.samsa.broker.config.Validator.eachOneOf;
import static io.samsa.broker.config.Validator.nonEmpty;
import static io.samsa.broker.config.Validator.oneOf;

import java.util.List;

/**
 * Every key the broker reads, with Kafka's {@code server.properties} name wherever Kafka has the
 * concept and Kafka's default unless noted. Keys that are Samsa's own start with {@code samsa.}.
 * The embedded {@code samsa-default.properties} is rendered from this list.
 *
 * <p>Static constants only; thread-safe.
 */
public final class BrokerConfigKeys {
    /** The definition holding every key below, in declaration order. */
    public static final ConfigDef DEFINITION = new ConfigDef();

    private static final int KIB = 1024;
    private static final int MIB = 1024 * 1024;

    // ---- identity and listeners -------------------------------------------------------------
    public static final ConfigKey<Integer> NODE_ID = DEFINITION.define("node.id", ConfigType.INT, 0, atLeast(0),
            "The id of this broker in metadata responses. broker.id is accepted as an alias");
    public static final ConfigKey<String> BROKER_RACK = DEFINITION.defineOptional("broker.rack", ConfigType.STRING,
            Validator.any(), "The rack of this broker (none when unset); the controller spreads a partition's replicas over racks");
    public static final ConfigKey<Integer> BROKER_ID = DEFINITION.define("broker.id", ConfigType.INT, 0, atLeast(0),
            "Legacy alias of node.id, used only when node.id is not set");
    public static final ConfigKey<List<String>> LISTENERS = DEFINITION.define("listeners", ConfigType.LIST,
            List.of("PLAINTEXT://localhost:9092"), nonEmpty(),
            "Comma-separated NAME://host:port to bind; an empty host binds every interface, port 0 an ephemeral port."
                    + " Only PLAINTEXT is supported");
    public static final ConfigKey<List<String>> ADVERTISED_LISTENERS = DEFINITION.defineOptional("advertised.listeners",
            ConfigType.LIST, any(), "Addresses given to clients in metadata; defaults to listeners (with bound ports)");

    // ---- cluster (KRaft combined mode; everything here is inert without controller.quorum.voters) --
    public static final ConfigKey<List<String>> PROCESS_ROLES = DEFINITION.defineOptional("process.roles", ConfigType.LIST,
            eachOneOf("broker", "controller"), "The node's roles with controller.quorum.voters set; only broker,controller"
                    + " (combined mode) is supported yet. Unset with no voters: a single node");
    public static final ConfigKey<List<String>> CONTROLLER_QUORUM_VOTERS = DEFINITION.defineOptional(
            "controller.quorum.voters", ConfigType.LIST, any(), "The metadata quorum's voters, id@host:port,...;"
                    + " unset runs the single-node broker as before");
    public static final ConfigKey<String> CLUSTER_ID = DEFINITION.defineOptional("cluster.id", ConfigType.STRING,
            nonEmpty(), "The cluster id a new node's metadata directory is formatted with (Kafka's kafka-storage format -t);"
                    + " unset: derived from the voter ids. A directory of another cluster id refuses to start");
    public static final ConfigKey<List<String>> CONTROLLER_LISTENER_NAMES = DEFINITION.defineOptional(
            "controller.listener.names", ConfigType.LIST, any(), "The listener(s) the quorum (Ratis) binds; the first"
                    + " must be in listeners at this node's voter address. The broker's own server never binds it");
    public static final ConfigKey<String> INTER_BROKER_LISTENER_NAME = DEFINITION.defineOptional(
            "inter.broker.listener.name", ConfigType.STRING, nonEmpty(), "The listener other brokers reach this one on;"
                    + " default the first broker listener");
    public static final ConfigKey<Integer> BROKER_SESSION_TIMEOUT_MS = DEFINITION.define("broker.session.timeout.ms",
            ConfigType.INT, 9000, atLeast(1), "A broker without a heartbeat for this long is fenced by the controller");
    public static final ConfigKey<Integer> BROKER_HEARTBEAT_INTERVAL_MS = DEFINITION.define(
            "broker.heartbeat.interval.ms", ConfigType.INT, 2000, atLeast(1), "Time between a broker's heartbeats");
    public static final ConfigKey<Boolean> UNCLEAN_LEADER_ELECTION_ENABLE = DEFINITION.define(
            "unclean.leader.election.enable", ConfigType.BOOLEAN, false, any(),
            "Whether a replica outside the ISR may become leader when no ISR member is live (data loss)");
    public static final ConfigKey<Integer> CONTROLLER_QUORUM_ELECTION_TIMEOUT_MS = DEFINITION.define(
            "controller.quorum.election.timeout.ms", ConfigType.INT, 1000, atLeast(1),
            "A voter without a leader for this long (randomized up to twice it) starts an election");
    public static final ConfigKey<Integer> CONTROLLER_QUORUM_REQUEST_TIMEOUT_MS = DEFINITION.define(
            "controller.quorum.request.timeout.ms", ConfigType.INT, 2000, atLeast(1),
            "How long a controller operation waits for its commit before REQUEST_TIMED_OUT");
    public static final ConfigKey<Integer> CONTROLLER_QUORUM_RETRY_BACKOFF_MS = DEFINITION.define(
            "controller.quorum.retry.backoff.ms", ConfigType.INT, 20, atLeast(1),
            "Pause before a controller operation is sent again after NOT_CONTROLLER or a lost leader");
    public static final ConfigKey<String> METADATA_LOG_DIR = DEFINITION.defineOptional("metadata.log.dir",
            ConfigType.STRING, nonEmpty(), "The metadata log's directory; default the first log.dirs entry"
                    + " plus __cluster_metadata");

    // ---- network ----------------------------------------------------------------------------
    public static final ConfigKey<Integer> NUM_NETWORK_THREADS = DEFINITION.define("num.network.threads", ConfigType.INT, 3,
            atLeast(1), "Event-loop threads doing socket I/O, framing and response writing");
    public static final ConfigKey<Integer> NUM_IO_THREADS = DEFINITION.define("num.io.threads", ConfigType.INT, 8, atLeast(1),
            "Threads running API handlers, which may block");
    public static final ConfigKey<Integer> QUEUED_MAX_REQUESTS = DEFINITION.define("queued.max.requests", ConfigType.INT, 500,
            atLeast(1), "Samsa: per connection, requests read but not yet answered before reading pauses"
                    + " (Kafka bounds its whole request queue with this key)");
    public static final ConfigKey<Integer> SOCKET_REQUEST_MAX_BYTES = DEFINITION.define("socket.request.max.bytes", ConfigType.INT,
            100 * MIB, atLeast(1), "Largest request frame accepted; a larger size prefix closes the connection");
    public static final ConfigKey<Integer> REQUEST_TIMEOUT_MS = DEFINITION.define("request.timeout.ms", ConfigType.INT,
            30_000, atLeast(1), "A request this broker sends another broker (e.g. WriteTxnMarkers) unanswered this"
                    + " long fails and its connection is dropped");
    public static final ConfigKey<Integer> SOCKET_CONNECTION_SETUP_TIMEOUT_MS = DEFINITION.define(
            "socket.connection.setup.timeout.ms", ConfigType.INT, 10_000, atLeast(1),
            "How long this broker waits for a connection to another broker to open");
    public static final ConfigKey<Integer> SOCKET_SEND_BUFFER_BYTES = DEFINITION.define("socket.send.buffer.bytes", ConfigType.INT,
            100 * KIB, atLeast(-1), "SO_SNDBUF of client connections; -1 keeps the OS default");
    public static final ConfigKey<Integer> SOCKET_RECEIVE_BUFFER_BYTES = DEFINITION.define("socket.receive.buffer.bytes",
            ConfigType.INT, 100 * KIB, atLeast(-1), "SO_RCVBUF of client connections; -1 keeps the OS default");
    public static final ConfigKey<Integer> SOCKET_LISTEN_BACKLOG_SIZE = DEFINITION.define("socket.listen.backlog.size",
            ConfigType.INT, 50, atLeast(1), "Pending-connection queue length of each listening socket");
    public static final ConfigKey<Integer> CLIENT_ERROR_LOG_LINES_PER_MINUTE = DEFINITION.define(
            "samsa.client.error.log.lines.per.minute", ConfigType.INT, 20, atLeast(0),
            "Samsa: WARN lines per minute, across all connections, for clients' mistakes (bad or refused requests;"
                    + " at most one per connection, never a stack trace); the rest are counted in the next line");
    public static final ConfigKey<Long> CONNECTIONS_MAX_IDLE_MS = DEFINITION.define("connections.max.idle.ms", ConfigType.LONG,
            600_000L, atLeast(0L), "Connections without reads or writes for this long are closed; 0 disables");
    public static final ConfigKey<Integer> WRITE_BUFFER_LOW_WATER_MARK_BYTES = DEFINITION.define(
            "samsa.socket.write.buffer.low.water.mark.bytes", ConfigType.INT, 32 * KIB, atLeast(0),
            "Unsent response bytes below which a paused connection resumes reading");
    public static final ConfigKey<Integer> WRITE_BUFFER_HIGH_WATER_MARK_BYTES = DEFINITION.define(
            "samsa.socket.write.buffer.high.water.mark.bytes", ConfigType.INT, 64 * KIB, atLeast(1),
            "Unsent response bytes above which a connection stops reading requests");
    public static final ConfigKey<Boolean> NATIVE_TRANSPORT_ENABLE = DEFINITION.define("samsa.network.native.enable",
            ConfigType.BOOLEAN, true, any(), "Use native epoll when available, otherwise Java NIO");
    public static final ConfigKey<Long> SHUTDOWN_TIMEOUT_MS = DEFINITION.define("samsa.shutdown.timeout.ms", ConfigType.LONG,
            10_000L, atLeast(0L), "How long shutdown waits for in-flight requests before closing connections");

    // ---- metrics ----------------------------------------------------------------------------
    public static final ConfigKey<Boolean> METRICS_JMX_ENABLE = DEFINITION.define("samsa.metrics.jmx.enable",
            ConfigType.BOOLEAN, true, any(), "Register the broker's metrics as MBeans under Kafka's JMX names"
                    + " (kafka.server:type=BrokerTopicMetrics,...) on the platform MBean server");
    public static final ConfigKey<String> HTTP_LISTENER = DEFINITION.defineOptional("samsa.http.listener",
            ConfigType.STRING, nonEmpty(), "host:port of the HTTP admin listener serving Prometheus text at /metrics"
                    + " (port 0: ephemeral); unset: no HTTP listener");

    // ---- topics and the log -----------------------------------------------------------------
    public static final ConfigKey<List<String>> LOG_DIRS = DEFINITION.define("log.dirs", ConfigType.LIST, List.of("./samsa-data"),
            nonEmpty(), "Directories holding partition logs");
    public static final ConfigKey<String> LOG_DIR = DEFINITION.defineOptional("log.dir", ConfigType.STRING, nonEmpty(),
            "Single log directory, used only when log.dirs is not set");
    public static final ConfigKey<Integer> NUM_PARTITIONS = DEFINITION.define("num.partitions", ConfigType.INT, 1, atLeast(1),
            "Partitions of an auto-created topic, and of a created topic that asks for the default");
    public static final ConfigKey<Boolean> AUTO_CREATE_TOPICS_ENABLE = DEFINITION.define("auto.create.topics.enable",
            ConfigType.BOOLEAN, true, any(), "Create a topic on first metadata request or produce");
    public static final ConfigKey<Boolean> DELETE_TOPIC_ENABLE = DEFINITION.define("delete.topic.enable", ConfigType.BOOLEAN,
            true, any(), "Allow DeleteTopics");
    public static final ConfigKey<Integer> DEFAULT_REPLICATION_FACTOR = DEFINITION.define("default.replication.factor",
            ConfigType.INT, 1, atLeast(1), "Replication factor of auto-created topics (Samsa is single-node)");
    public static final ConfigKey<Integer> MESSAGE_MAX_BYTES = DEFINITION.define("message.max.bytes", ConfigType.INT, 1_048_588,
            atLeast(0), "Largest record batch accepted by Produce");
    public static final ConfigKey<Integer> FETCH_MAX_BYTES = DEFINITION.define("fetch.max.bytes", ConfigType.INT, 55 * MIB,
            atLeast(1024), "Upper bound on the bytes returned by one Fetch");
    public static final ConfigKey<String> COMPRESSION_TYPE = DEFINITION.define("compression.type", ConfigType.STRING, "producer",
            oneOf("producer", "uncompressed", "gzip", "snappy", "lz4", "zstd"), "Compression of stored batches; producer keeps the producer's");
    public static final ConfigKey<Integer> LOG_SEGMENT_BYTES = DEFINITION.define("log.segment.bytes", ConfigType.INT, 1024 * MIB,
            atLeast(MIB), "Size at which a log segment is rolled");
    public static final ConfigKey<Long> LOG_ROLL_MS = DEFINITION.defineOptional("log.roll.ms", ConfigType.LONG, atLeast(1L),
            "Age at which a segment is rolled; overrides log.roll.hours");
    public static final ConfigKey<Integer> LOG_ROLL_HOURS = DEFINITION.define("log.roll.hours", ConfigType.INT, 168, atLeast(1),
            "Age in hours at which a segment is rolled");
    public static final ConfigKey<Long> LOG_RETENTION_MS = DEFINITION.defineOptional("log.retention.ms", ConfigType.LONG,
            atLeast(-1L), "Time to keep a segment; -1 keeps forever. Overrides log.retention.minutes and .hours");
    public static final ConfigKey<Integer> LOG_RETENTION_MINUTES = DEFINITION.defineOptional("log.retention.minutes",
            ConfigType.INT, atLeast(-1), "Retention in minutes; overrides log.retention.hours");
    public static final ConfigKey<Integer> LOG_RETENTION_HOURS = DEFINITION.define("log.retention.hours", ConfigType.INT, 168,
            atLeast(-1), "Retention in hours");
    public static final ConfigKey<Long> LOG_RETENTION_BYTES = DEFINITION.define("log.retention.bytes", ConfigType.LONG, -1L,
            atLeast(-1L), "Size per partition above which old segments are deleted; -1 is unlimited");
    public static final ConfigKey<Long> LOG_RETENTION_CHECK_INTERVAL_MS = DEFINITION.define("log.retention.check.interval.ms",
            ConfigType.LONG, 300_000L, atLeast(1L), "How often retention runs");
    public static final ConfigKey<List<String>> LOG_CLEANUP_POLICY = DEFINITION.define("log.cleanup.policy", ConfigType.LIST,
            List.of("delete"), eachOneOf("delete", "compact"), "delete, compact, or both");
    public static final ConfigKey<Long> LOG_FLUSH_INTERVAL_MESSAGES = DEFINITION.define("log.flush.interval.messages",
            ConfigType.LONG, Long.MAX_VALUE, atLeast(1L), "Records appended before an fsync");
    public static final ConfigKey<Long> LOG_FLUSH_INTERVAL_MS = DEFINITION.defineOptional("log.flush.interval.ms",
            ConfigType.LONG, atLeast(0L), "Time between fsyncs; unset leaves flushing to the OS");
    public static final ConfigKey<Integer> LOG_INDEX_INTERVAL_BYTES = DEFINITION.define("log.index.interval.bytes",
            ConfigType.INT, 4096, atLeast(0), "Bytes between offset-index entries");
    public static final ConfigKey<Integer> LOG_INDEX_SIZE_MAX_BYTES = DEFINITION.define("log.index.size.max.bytes",
            ConfigType.INT, 10 * MIB, atLeast(4), "Largest offset or time index file");
    public static final ConfigKey<Long> LOG_SEGMENT_DELETE_DELAY_MS = DEFINITION.define("log.segment.delete.delay.ms",
            ConfigType.LONG, 60_000L, atLeast(0L), "Delay before a deleted segment's files are removed");
    public static final ConfigKey<String> LOG_MESSAGE_TIMESTAMP_TYPE = DEFINITION.define("log.message.timestamp.type",
            ConfigType.STRING, "CreateTime", oneOf("CreateTime", "LogAppendTime"), "Timestamp kept for records");
    public static final ConfigKey<Long> LOG_MESSAGE_TIMESTAMP_BEFORE_MAX_MS = DEFINITION.define(
            "log.message.timestamp.before.max.ms", ConfigType.LONG, Long.MAX_VALUE, atLeast(0L),
            "How far before the broker's clock a CreateTime record's timestamp may be; older ones get INVALID_TIMESTAMP");
    public static final ConfigKey<Long> LOG_MESSAGE_TIMESTAMP_AFTER_MAX_MS = DEFINITION.define(
            "log.message.timestamp.after.max.ms", ConfigType.LONG, 3_600_000L, atLeast(0L),
            "How far after the broker's clock a CreateTime record's timestamp may be; later ones get INVALID_TIMESTAMP");
    /**
     * Sizing: each partition keeps at least its active segment open, one file descriptor for the
     * .log file and two memory maps for its offset and time indexes (segment.index.bytes, 10 MiB
     * each, sparse: address space rather than memory). Linux's default vm.max_map_count is 65,530
     * and a common service nofile limit is in the tens of thousands, so 10,000 partitions use
     * about 20,000 maps and 10,000 descriptors, leaving room for older segments, sockets and the
     * JVM's own maps. Raise it together with those limits.
     */
    public static final ConfigKey<Integer> MAX_BROKER_PARTITIONS = DEFINITION.define("max.broker.partitions",
            ConfigType.INT, 10_000, atLeast(0), "The most partitions this broker holds in all (KIP-578); creating or"
                    + " growing topics past it is POLICY_VIOLATION. Sized to one broker's file descriptors and index maps");
    public static final ConfigKey<Boolean> LOG_CLEANER_ENABLE = DEFINITION.define("log.cleaner.enable", ConfigType.BOOLEAN, true,
            any(), "Run compaction for compacted topics");

    // ---- consumer groups and offsets ---------------------------------------------------------
    public static final ConfigKey<Integer> OFFSETS_TOPIC_NUM_PARTITIONS = DEFINITION.define("offsets.topic.num.partitions",
            ConfigType.INT, 50, atLeast(1), "Partitions of __consumer_offsets (fixed once created)");
    public static final ConfigKey<Integer> OFFSETS_TOPIC_REPLICATION_FACTOR = DEFINITION.define(
            "offsets.topic.replication.factor", ConfigType.INT, 1, atLeast(1),
            "Replication factor of __consumer_offsets (Kafka's default is 3; Samsa is single-node)");
    public static final ConfigKey<Integer> OFFSETS_TOPIC_SEGMENT_BYTES = DEFINITION.define("offsets.topic.segment.bytes",
            ConfigType.INT, 100 * MIB, atLeast(1), "Segment size of __consumer_offsets");
    public static final ConfigKey<Integer> OFFSETS_RETENTION_MINUTES = DEFINITION.define("offsets.retention.minutes",
            ConfigType.INT, 10_080, atLeast(1), "How long committed offsets of an empty group are kept");
    public static final ConfigKey<Long> OFFSETS_RETENTION_CHECK_INTERVAL_MS = DEFINITION.define(
            "offsets.retention.check.interval.ms", ConfigType.LONG, 600_000L, atLeast(1L), "How often expired offsets are removed");
    public static final ConfigKey<Integer> OFFSETS_COMMIT_TIMEOUT_MS = DEFINITION.define("offsets.commit.timeout.ms",
            ConfigType.INT, 5000, atLeast(1), "How long an offset commit waits for its append");
    public static final ConfigKey<Integer> OFFSET_METADATA_MAX_BYTES = DEFINITION.define("offset.metadata.max.bytes",
            ConfigType.INT, 4096, atLeast(0), "Longest metadata string of a committed offset");
    public static final ConfigKey<Integer> GROUP_MIN_SESSION_TIMEOUT_MS = DEFINITION.define("group.min.session.timeout.ms",
            ConfigType.INT, 6000, atLeast(0), "Smallest session timeout a classic-group member may ask for");
    public static final ConfigKey<Integer> GROUP_MAX_SESSION_TIMEOUT_MS = DEFINITION.define("group.max.session.timeout.ms",
            ConfigType.INT, 1_800_000, atLeast(0), "Largest session timeout a classic-group member may ask for");
    public static final ConfigKey<Integer> GROUP_INITIAL_REBALANCE_DELAY_MS = DEFINITION.define(
            "group.initial.rebalance.delay.ms", ConfigType.INT, 3000, atLeast(0),
            "How long the first rebalance of an empty classic group waits for more members");
    public static final ConfigKey<Integer> GROUP_MAX_SIZE = DEFINITION.define("group.max.size", ConfigType.INT, Integer.MAX_VALUE,
            atLeast(1), "Most members one group may have");
    public static final ConfigKey<Integer> GROUP_CLASSIC_SYNC_GRACE_MS = DEFINITION.define("group.classic.sync.grace.ms",
            ConfigType.INT, 500, atLeast(0), "Samsa: how long a rejoin that would rebalance a Stable classic group waits for"
                    + " members of its generation that have not fetched their assignment (SyncGroup) yet; 0 rebalances at once, as Kafka");
    public static final ConfigKey<Integer> GROUP_COORDINATOR_THREADS = DEFINITION.define("group.coordinator.threads",
            ConfigType.INT, 4, atLeast(1), "Threads running the group coordinator's partitions (each partition on one thread)");
    public static final ConfigKey<List<String>> GROUP_COORDINATOR_REBALANCE_PROTOCOLS = DEFINITION.define(
            "group.coordinator.rebalance.protocols", ConfigType.LIST, List.of("classic", "consumer"),
            eachOneOf("classic", "consumer"), "Group protocols the coordinator serves");
    public static final ConfigKey<Integer> GROUP_CONSUMER_SESSION_TIMEOUT_MS = DEFINITION.define(
            "group.consumer.session.timeout.ms", ConfigType.INT, 45_000, atLeast(1), "Session timeout of consumer-protocol members");
    public static final ConfigKey<Integer> GROUP_CONSUMER_HEARTBEAT_INTERVAL_MS = DEFINITION.define(
            "group.consumer.heartbeat.interval.ms", ConfigType.INT, 5000, atLeast(1), "Heartbeat interval of consumer-protocol members");
    public static final ConfigKey<Integer> GROUP_CONSUMER_MAX_SIZE = DEFINITION.define("group.consumer.max.size", ConfigType.INT,
            Integer.MAX_VALUE, atLeast(1), "Most members one consumer-protocol group may have");
    public static final ConfigKey<List<String>> GROUP_CONSUMER_ASSIGNORS = DEFINITION.define("group.consumer.assignors",
            ConfigType.LIST, List.of("uniform", "range"), eachOneOf("uniform", "range",
                    "org.apache.kafka.coordinator.group.assignor.UniformAssignor",
                    "org.apache.kafka.coordinator.group.assignor.RangeAssignor"),
            "Server-side assignors of consumer-protocol groups, the first the default (by name, or Kafka's class names)");
    public static final ConfigKey<String> GROUP_CONSUMER_MIGRATION_POLICY = DEFINITION.define("group.consumer.migration.policy",
            ConfigType.STRING, "bidirectional", oneOf("bidirectional", "upgrade", "downgrade", "disabled"),
            "Online migration between the classic and consumer group protocols (KIP-848): upgrade converts a classic group"
                    + " when a consumer-protocol member joins, downgrade converts back when the last one leaves");

    // ---- transactions -------------------------------------------------------------------------
    public static final ConfigKey<Integer> TRANSACTION_STATE_LOG_NUM_PARTITIONS = DEFINITION.define(
            "transaction.state.log.num.partitions", ConfigType.INT, 50, atLeast(1),
            "Partitions of __transaction_state (fixed once created)");
    public static final ConfigKey<Integer> TRANSACTION_STATE_LOG_REPLICATION_FACTOR = DEFINITION.define(
            "transaction.state.log.replication.factor", ConfigType.INT, 3, atLeast(1),
            "Replication factor of __transaction_state; in a cluster it is created once that many brokers are unfenced");
    public static final ConfigKey<Integer> TRANSACTION_STATE_LOG_MIN_ISR = DEFINITION.define("transaction.state.log.min.isr",
            ConfigType.INT, 2, atLeast(1), "min.insync.replicas of __transaction_state, capped by its replication factor");
    public static final ConfigKey<Integer> TRANSACTION_STATE_LOG_SEGMENT_BYTES = DEFINITION.define(
            "transaction.state.log.segment.bytes", ConfigType.INT, 100 * MIB, atLeast(1), "Segment size of __transaction_state");
    public static final ConfigKey<Integer> TRANSACTION_MAX_TIMEOUT_MS = DEFINITION.define("transaction.max.timeout.ms",
            ConfigType.INT, 900_000, atLeast(1), "Largest transaction.timeout.ms a producer may ask for"
                    + " (a larger one is INVALID_TRANSACTION_TIMEOUT)");
    public static final ConfigKey<Integer> TRANSACTIONAL_ID_EXPIRATION_MS = DEFINITION.define("transactional.id.expiration.ms",
            ConfigType.INT, 604_800_000, atLeast(1), "How long a transactional id with no open transaction is kept after its"
                    + " last change");
    public static final ConfigKey<Integer> TRANSACTION_ABORT_TIMED_OUT_CLEANUP_INTERVAL_MS = DEFINITION.define(
            "transaction.abort.timed.out.transaction.cleanup.interval.ms", ConfigType.INT, 10_000, atLeast(1),
            "How often transactions open longer than their timeout are looked for and aborted");
    public static final ConfigKey<Integer> TRANSACTION_REMOVE_EXPIRED_CLEANUP_INTERVAL_MS = DEFINITION.define(
            "transaction.remove.expired.transaction.cleanup.interval.ms", ConfigType.INT, 3_600_000, atLeast(1),
            "How often expired transactional ids are looked for and removed");

    // ---- group configs (KIP-848 family): the defaults and bounds of the per-group configs ----
    // DescribeConfigs/IncrementalAlterConfigs on GROUP resources report and validate against these.
    public static final ConfigKey<Integer> GROUP_CONSUMER_MIN_SESSION_TIMEOUT_MS = groupInt("group.consumer.min.session.timeout.ms",
            45_000, "Smallest consumer.session.timeout.ms a group may set");
    public static final ConfigKey<Integer> GROUP_CONSUMER_MAX_SESSION_TIMEOUT_MS = groupInt("group.consumer.max.session.timeout.ms",
            60_000, "Largest consumer.session.timeout.ms a group may set");
    public static final ConfigKey<Integer> GROUP_CONSUMER_MIN_HEARTBEAT_INTERVAL_MS = groupInt(
            "group.consumer.min.heartbeat.interval.ms", 5000, "Smallest consumer.heartbeat.interval.ms a group may set");
    public static final ConfigKey<Integer> GROUP_CONSUMER_MAX_HEARTBEAT_INTERVAL_MS = groupInt(
            "group.consumer.max.heartbeat.interval.ms", 15_000, "Largest consumer.heartbeat.interval.ms a group may set");
    public static final ConfigKey<Integer> GROUP_SHARE_SESSION_TIMEOUT_MS = groupInt("group.share.session.timeout.ms",
            45_000, "Session timeout of share-group members");
    public static final ConfigKey<Integer> GROUP_SHARE_MIN_SESSION_TIMEOUT_MS = groupInt("group.share.min.session.timeout.ms",
            45_000, "Smallest share.session.timeout.ms a group may set");
    public static final ConfigKey<Integer> GROUP_SHARE_MAX_SESSION_TIMEOUT_MS = groupInt("group.share.max.session.timeout.ms",
            60_000, "Largest share.session.timeout.ms a group may set");
    public static final ConfigKey<Integer> GROUP_SHARE_HEARTBEAT_INTERVAL_MS = groupInt("group.share.heartbeat.interval.ms",
            5000, "Heartbeat interval of share-group members");
    public static final ConfigKey<Integer> GROUP_SHARE_MIN_HEARTBEAT_INTERVAL_MS = groupInt("group.share.min.heartbeat.interval.ms",
            5000, "Smallest share.heartbeat.interval.ms a group may set");
    public static final ConfigKey<Integer> GROUP_SHARE_MAX_HEARTBEAT_INTERVAL_MS = groupInt("group.share.max.heartbeat.interval.ms",
            15_000, "Largest share.heartbeat.interval.ms a group may set");
    public static final ConfigKey<Integer> GROUP_SHARE_RECORD_LOCK_DURATION_MS = groupInt("group.share.record.lock.duration.ms",
            30_000, "How long a share-group member holds a record it acquired");
    public static final ConfigKey<Integer> GROUP_SHARE_MIN_RECORD_LOCK_DURATION_MS = groupInt(
            "group.share.min.record.lock.duration.ms", 15_000, "Smallest share.record.lock.duration.ms a group may set");
    public static final ConfigKey<Integer> GROUP_SHARE_MAX_RECORD_LOCK_DURATION_MS = groupInt(
            "group.share.max.record.lock.duration.ms", 60_000, "Largest share.record.lock.duration.ms a group may set");
    public static final ConfigKey<Integer> GROUP_STREAMS_SESSION_TIMEOUT_MS = groupInt("group.streams.session.timeout.ms",
            45_000, "Session timeout of streams-group members");
    public static final ConfigKey<Integer> GROUP_STREAMS_MIN_SESSION_TIMEOUT_MS = groupInt("group.streams.min.session.timeout.ms",
            45_000, "Smallest streams.session.timeout.ms a group may set");
    public static final ConfigKey<Integer> GROUP_STREAMS_MAX_SESSION_TIMEOUT_MS = groupInt("group.streams.max.session.timeout.ms",
            60_000, "Largest streams.session.timeout.ms a group may set");
    public static final ConfigKey<Integer> GROUP_STREAMS_HEARTBEAT_INTERVAL_MS = groupInt("group.streams.heartbeat.interval.ms",
            5000, "Heartbeat interval of streams-group members");
    public static final ConfigKey<Integer> GROUP_STREAMS_MIN_HEARTBEAT_INTERVAL_MS = groupInt(
            "group.streams.min.heartbeat.interval.ms", 5000, "Smallest streams.heartbeat.interval.ms a group may set");
    public static final ConfigKey<Integer> GROUP_STREAMS_MAX_HEARTBEAT_INTERVAL_MS = groupInt(
            "group.streams.max.heartbeat.interval.ms", 15_000, "Largest streams.heartbeat.interval.ms a group may set");
    public static final ConfigKey<Integer> GROUP_STREAMS_NUM_STANDBY_REPLICAS = DEFINITION.define(
            "group.streams.num.standby.replicas", ConfigType.INT, 0, atLeast(0), "Standby replicas of each streams task");
    public static final ConfigKey<Integer> GROUP_STREAMS_MAX_STANDBY_REPLICAS = DEFINITION.define(
            "group.streams.max.standby.replicas", ConfigType.INT, 2, atLeast(0), "Largest streams.num.standby.replicas a group may set");

    // ---- fetch sessions and producers --------------------------------------------------------
    public static final ConfigKey<Integer> MAX_INCREMENTAL_FETCH_SESSION_CACHE_SLOTS = DEFINITION.define(
            "max.incremental.fetch.session.cache.slots", ConfigType.INT, 1000, atLeast(0), "Most cached incremental fetch sessions");
    public static final ConfigKey<Integer> PRODUCER_ID_EXPIRATION_MS = DEFINITION.define("producer.id.expiration.ms",
            ConfigType.INT, 86_400_000, between(1, Integer.MAX_VALUE),
            "How long after its last batch's timestamp a producer id's state in a partition is dropped");
    public static final ConfigKey<Integer> PRODUCER_ID_EXPIRATION_CHECK_INTERVAL_MS = DEFINITION.define(
            "producer.id.expiration.check.interval.ms", ConfigType.INT, 600_000, between(1, Integer.MAX_VALUE),
            "How often expired producer ids are looked for");

    // ---- replication -----------------------------------------------------------------------
    public static final ConfigKey<Long> REPLICA_LAG_TIME_MAX_MS = DEFINITION.define("replica.lag.time.max.ms", ConfigType.LONG,
            30_000L, atLeast(1L), "A follower that has not caught up with the leader for this long leaves the ISR");
    public static final ConfigKey<Long> REPLICA_FETCH_BACKOFF_MS = DEFINITION.define("replica.fetch.backoff.ms", ConfigType.LONG,
            1000L, atLeast(0L), "Pause of a replica fetcher after a fetch error or a lost connection");
    public static final ConfigKey<Integer> REPLICA_FETCH_MAX_BYTES = DEFINITION.define("replica.fetch.max.bytes", ConfigType.INT,
            MIB, atLeast(0), "Bytes a follower asks for per partition (at least one batch is always returned)");
    public static final ConfigKey<Integer> REPLICA_FETCH_RESPONSE_MAX_BYTES = DEFINITION.define(
            "replica.fetch.response.max.bytes", ConfigType.INT, 10 * MIB, atLeast(0), "Bytes a follower asks for per fetch");
    public static final ConfigKey<Integer> REPLICA_FETCH_WAIT_MAX_MS = DEFINITION.define("replica.fetch.wait.max.ms",
            ConfigType.INT, 500, atLeast(0), "How long the leader may hold a follower fetch waiting for data");
    public static final ConfigKey<Integer> REPLICA_FETCH_MIN_BYTES = DEFINITION.define("replica.fetch.min.bytes",
            ConfigType.INT, 1, atLeast(1), "Bytes the leader waits for before answering a follower fetch");
    public static final ConfigKey<Long> REPLICA_SOCKET_TIMEOUT_MS = DEFINITION.define("replica.socket.timeout.ms",
            ConfigType.LONG, 30_000L, atLeast(1L), "A follower fetch unanswered this long drops the connection");
    public static final ConfigKey<Integer> NUM_REPLICA_FETCHERS = DEFINITION.define("num.replica.fetchers", ConfigType.INT,
            1, atLeast(1), "Fetchers (connections and threads) a follower runs per leader broker");
    public static final ConfigKey<Integer> MIN_INSYNC_REPLICAS = DEFINITION.define("min.insync.replicas", ConfigType.INT,
            1, atLeast(1), "Default ISR size an acks=all produce needs (topic key min.insync.replicas overrides)");

    private BrokerConfigKeys() {
    }

    private static ConfigKey<Integer> groupInt(String name, int defaultValue, String doc) {
        return DEFINITION.define(name, ConfigType.INT, defaultValue, atLeast(1), doc);
    }
}
