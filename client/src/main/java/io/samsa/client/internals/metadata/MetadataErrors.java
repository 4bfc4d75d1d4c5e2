package io.samsa.client.internals.metadata;

import io.samsa.protocol.ErrorCode;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which broker errors mean the client's metadata is stale: the leader moved, a topic or partition
 * appeared or vanished, the controller changed. Engines call {@link ClusterMetadata#onError} with
 * every partition-level error; this decides whether it triggers a refresh.
 *
 * <p>Stateless; thread-safe.
 */
public final class MetadataErrors {
    private static final Set<ErrorCode> STALE = EnumSet.of(
        ErrorCode.NOT_LEADER_OR_FOLLOWER,
        ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
        ErrorCode.UNKNOWN_TOPIC_ID,
        ErrorCode.LEADER_NOT_AVAILABLE,
        ErrorCode.REPLICA_NOT_AVAILABLE,
        ErrorCode.FENCED_LEADER_EPOCH,
        ErrorCode.UNKNOWN_LEADER_EPOCH,
        ErrorCode.NOT_CONTROLLER,
        ErrorCode.KAFKA_STORAGE_ERROR,
        ErrorCode.INCONSISTENT_TOPIC_ID,
        ErrorCode.NETWORK_EXCEPTION);

    private MetadataErrors() {
    }

    /** Whether {@code error} calls for a metadata refresh. */
    public static boolean requiresRefresh(ErrorCode error) {
        return STALE.contains(error);
    }
}
