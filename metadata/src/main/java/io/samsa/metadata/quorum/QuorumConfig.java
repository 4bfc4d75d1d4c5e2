package io.samsa.metadata.quorum;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The metadata quorum's settings, read from broker-style properties with Kafka's keys where Kafka
 * has them. Immutable.
 *
 * <p>With no {@code controller.quorum.voters} the node is a one-node
 * quorum of itself, listening on an ephemeral port of 127.0.0.1: the broker's default, no format
 * step.
 *
 * @param nodeId            {@code node.id} (default 1)
 * @param roles             {@code process.roles} (default {@code broker,controller})
 * @param voters            {@code controller.quorum.voters}, or the one-node default
 * @param listenerNames     {@code controller.listener.names} (default {@code CONTROLLER})
 * @param metadataLogDir    {@code metadata.log.dir}, else the first of {@code log.dirs}/{@code log.dir}
 *                          plus {@code __cluster_metadata}
 * @param clusterId         {@code cluster.id} (Samsa's: what Kafka's storage format gets), if set
 * @param electionTimeoutMs {@code controller.quorum.election.timeout.ms} (default 1000): the lower
 *                          bound of Ratis's randomized election timeout; the upper bound is twice it
 * @param requestTimeoutMs  {@code controller.quorum.request.timeout.ms} (default 2000): how long an
 *                          operation waits for its commit before REQUEST_TIMED_OUT
 * @param snapshotThreshold {@code metadata.log.max.snapshot.records} (Samsa's; default 20000): a
 *                          snapshot is taken after this many log entries, and the log behind it purged
 * @param segmentBytes      {@code metadata.log.segment.bytes} (default 8 MiB): the purge unit
 * @param fenceCheckIntervalMs {@code controller.fence.check.interval.ms} (Samsa's; default 500): how
 *                          often the active controller looks for expired broker sessions
 * @param maxEntryBytes     {@code controller.quorum.max.entry.bytes} (Samsa's; default 8 MiB): the
 *                          largest record batch one operation may write (one Raft entry); Ratis's
 *                          append buffer and gRPC message limits are sized from it
 * @param retryBackoffMs    {@code controller.quorum.retry.backoff.ms} (default 20, as Kafka): the pause
 *                          before a forwarded controller operation is sent again after NOT_CONTROLLER
 * @param replayTimeoutMs   {@code metadata.log.replay.timeout.ms} (Samsa's; default 60000): how long
 *                          start-up waits for the state machine to replay what this node's own log
 *                          holds as committed (the latest snapshot plus the log tail after it)
 */
public record QuorumConfig(int nodeId, Set<String> roles, List<VoterAddress> voters, List<String> listenerNames,
                           Path metadataLogDir, Optional<String> clusterId, long electionTimeoutMs,
                           long requestTimeoutMs, long snapshotThreshold, long segmentBytes,
                           long fenceCheckIntervalMs, int maxEntryBytes, long retryBackoffMs,
                           long replayTimeoutMs) {
    public static final String NODE_ID = "node.id";
    public static final String PROCESS_ROLES = "process.roles";
    public static final String VOTERS = "controller.quorum.voters";
    public static final String BOOTSTRAP_SERVERS = "controller.quorum.bootstrap.servers";
    public static final String LISTENER_NAMES = "controller.listener.names";
    public static final String METADATA_LOG_DIR = "metadata.log.dir";
    public static final String CLUSTER_ID = "cluster.id";
    public static final String ELECTION_TIMEOUT_MS = "controller.quorum.election.timeout.ms";
    public static final String REQUEST_TIMEOUT_MS = "controller.quorum.request.timeout.ms";
    public static final String SNAPSHOT_THRESHOLD = "metadata.log.max.snapshot.records";
    public static final String SEGMENT_BYTES = "metadata.log.segment.bytes";
    public static final String FENCE_CHECK_INTERVAL_MS = "controller.fence.check.interval.ms";
    public static final String MAX_ENTRY_BYTES = "controller.quorum.max.entry.bytes";
    public static final String RETRY_BACKOFF_MS = "controller.quorum.retry.backoff.ms";
    public static final String REPLAY_TIMEOUT_MS = "metadata.log.replay.timeout.ms";
    /** The metadata log's directory under a data directory, as Kafka names it. */
    public static final String METADATA_SUBDIR = "__cluster_metadata";

    public QuorumConfig {
        roles = Set.copyOf(roles);
        voters = List.copyOf(voters);
        listenerNames = List.copyOf(listenerNames);
        if (electionTimeoutMs <= 0 || requestTimeoutMs <= 0 || snapshotThreshold <= 0 || segmentBytes <= 0
                || fenceCheckIntervalMs <= 0 || maxEntryBytes <= 0 || retryBackoffMs <= 0 || replayTimeoutMs <= 0) {
            throw new IllegalArgumentException("quorum timeouts and sizes must be positive");
        }
    }

    /** @return whether this node votes in the quorum (process.roles has controller) */
    public boolean isVoter() {
        return roles.contains("controller");
    }

    /** @return whether no voters were configured: a one-node quorum of this node */
    public boolean isSingleNode() {
        return voters.size() == 1 && voters.get(0).port() == 0;
    }

    /** @return this node's voter entry */
    public VoterAddress self() {
        return voters.stream().filter(v -> v.id() == nodeId).findFirst().orElseThrow(() -> new IllegalStateException(
                NODE_ID + " " + nodeId + " is not in " + VOTERS + " " + voters));
    }

    public QuorumConfig withTimeouts(long electionMs, long requestMs) {
        return new QuorumConfig(nodeId, roles, voters, listenerNames, metadataLogDir, clusterId, electionMs, requestMs,
                snapshotThreshold, segmentBytes, fenceCheckIntervalMs, maxEntryBytes, retryBackoffMs, replayTimeoutMs);
    }

    public QuorumConfig withSnapshots(long threshold, long segment) {
        return new QuorumConfig(nodeId, roles, voters, listenerNames, metadataLogDir, clusterId, electionTimeoutMs,
                requestTimeoutMs, threshold, segment, fenceCheckIntervalMs, maxEntryBytes, retryBackoffMs,
                replayTimeoutMs);
    }

    /**
     * Reads the keys above.
     *
     * @throws IllegalArgumentException naming the key whose value is wrong
     */
    public static QuorumConfig fromProperties(Map<String, String> props) {
        int nodeId = Integer.parseInt(props.getOrDefault(NODE_ID, "1").trim());
        Set<String> roles = new TreeSet<>();
        for (String role : props.getOrDefault(PROCESS_ROLES, "broker,controller").split(",")) {
            String r = role.trim();
            if (!r.equals("broker") && !r.equals("controller")) {
                throw new IllegalArgumentException(PROCESS_ROLES + " has an unknown role '" + r + "'");
            }
            roles.add(r);
        }
        String voterText = props.getOrDefault(VOTERS, "").trim();
        if (voterText.isEmpty() && !props.getOrDefault(BOOTSTRAP_SERVERS, "").isBlank()) {
            throw new IllegalArgumentException(BOOTSTRAP_SERVERS + " (a dynamic quorum, KIP-853) is not supported yet: "
                    + "set " + VOTERS + "=id@host:port,... instead");
        }
        List<VoterAddress> voters = new ArrayList<>();
        if (voterText.isEmpty()) {
            voters.add(new VoterAddress(nodeId, "127.0.0.1", 0));
        } else {
            Arrays.stream(voterText.split(",")).map(VoterAddress::parse).forEach(voters::add);
        }
        if (voters.stream().map(VoterAddress::id).distinct().count() != voters.size()) {
            throw new IllegalArgumentException(VOTERS + " names a node id twice: " + voterText);
        }
        if (!roles.contains("controller") && voters.stream().anyMatch(v -> v.id() == nodeId) && !voterText.isEmpty()) {
            throw new IllegalArgumentException(NODE_ID + " " + nodeId + " has only the broker role, so it must not be one"
                    + " of the voters " + VOTERS + "=" + voterText + " (a voter has the controller role)");
        }
        if (roles.contains("controller") && voters.stream().noneMatch(v -> v.id() == nodeId)) {
            throw new IllegalArgumentException(NODE_ID + " " + nodeId + " has the controller role but is not in "
                    + VOTERS + "=" + voterText);
        }
        return new QuorumConfig(nodeId, roles, voters,
                List.of(props.getOrDefault(LISTENER_NAMES, "CONTROLLER").split(",")),
                metadataLogDir(props), Optional.ofNullable(props.get(CLUSTER_ID)).map(String::trim),
                Long.parseLong(props.getOrDefault(ELECTION_TIMEOUT_MS, "1000")),
                Long.parseLong(props.getOrDefault(REQUEST_TIMEOUT_MS, "2000")),
                Long.parseLong(props.getOrDefault(SNAPSHOT_THRESHOLD, "20000")),
                Long.parseLong(props.getOrDefault(SEGMENT_BYTES, Long.toString(8L << 20))),
                Long.parseLong(props.getOrDefault(FENCE_CHECK_INTERVAL_MS, "500")),
                Integer.parseInt(props.getOrDefault(MAX_ENTRY_BYTES, Integer.toString(8 << 20))),
                Long.parseLong(props.getOrDefault(RETRY_BACKOFF_MS, "20")),
                Long.parseLong(props.getOrDefault(REPLAY_TIMEOUT_MS, "60000")));
    }

    private static Path metadataLogDir(Map<String, String> props) {
        String dir = props.get(METADATA_LOG_DIR);
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir.trim());
        }
        String logDirs = props.getOrDefault("log.dirs", props.getOrDefault("log.dir", "/tmp/samsa-logs"));
        return Path.of(logDirs.split(",")[0].trim()).resolve(METADATA_SUBDIR);
    }
}
