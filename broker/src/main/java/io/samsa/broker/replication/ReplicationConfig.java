package io.samsa.broker.replication;

import io.samsa.broker.config.BrokerConfig;
import io.samsa.broker.config.BrokerConfigKeys;

/**
 * The replication settings of a broker, under Kafka's keys.
 *
 * @param nodeId                 node.id: this broker's replica id
 * @param replicaLagTimeMaxMs    replica.lag.time.max.ms: a follower not caught up for this long leaves the ISR
 * @param fetchBackoffMs         replica.fetch.backoff.ms: pause after a failed fetch or a lost connection
 * @param fetchMaxBytes          replica.fetch.max.bytes: per-partition byte budget of a follower fetch
 * @param fetchResponseMaxBytes  replica.fetch.response.max.bytes: byte budget of a whole follower fetch
 * @param fetchWaitMaxMs         replica.fetch.wait.max.ms: how long the leader may park a follower fetch
 * @param fetchMinBytes          replica.fetch.min.bytes: bytes the leader waits for before answering
 * @param socketTimeoutMs        replica.socket.timeout.ms: a fetch unanswered this long drops the connection
 * @param numReplicaFetchers     num.replica.fetchers: fetchers (connections, worker threads) per leader broker
 */
public record ReplicationConfig(int nodeId, long replicaLagTimeMaxMs, long fetchBackoffMs, int fetchMaxBytes,
                                int fetchResponseMaxBytes, int fetchWaitMaxMs, int fetchMinBytes, long socketTimeoutMs,
                                int numReplicaFetchers) {

    /** @return the settings in {@code config} */
    public static ReplicationConfig from(BrokerConfig config) {
        return new ReplicationConfig(config.get(BrokerConfigKeys.NODE_ID),
                config.get(BrokerConfigKeys.REPLICA_LAG_TIME_MAX_MS),
                config.get(BrokerConfigKeys.REPLICA_FETCH_BACKOFF_MS),
                config.get(BrokerConfigKeys.REPLICA_FETCH_MAX_BYTES),
                config.get(BrokerConfigKeys.REPLICA_FETCH_RESPONSE_MAX_BYTES),
                config.get(BrokerConfigKeys.REPLICA_FETCH_WAIT_MAX_MS),
                config.get(BrokerConfigKeys.REPLICA_FETCH_MIN_BYTES),
                config.get(BrokerConfigKeys.REPLICA_SOCKET_TIMEOUT_MS),
                config.get(BrokerConfigKeys.NUM_REPLICA_FETCHERS));
    }

    /** Kafka's defaults for broker {@code nodeId} (tests). */
    public static ReplicationConfig defaults(int nodeId) {
        return new ReplicationConfig(nodeId, 30_000, 1000, 1 << 20, 10 << 20, 500, 1, 30_000, 1);
    }
}
