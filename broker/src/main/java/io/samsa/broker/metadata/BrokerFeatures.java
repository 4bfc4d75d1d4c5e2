package io.samsa.broker.metadata;

import java.util.List;

/**
 * The feature flags (KIP-584) this broker reports in ApiVersions v3+: what the software supports
 * and the cluster-wide finalized level, for every feature Kafka 4.1 defines. This is the one place
 * that says which Kafka features Samsa implements; the issues that implement one raise its
 * maximum (and finalized level) here.
 *
 * <p>Each level is a promise a client may act on, so a feature Samsa does not implement stays at
 * level 0 (supported 0 to 0, not finalized):
 * <ul>
 *   <li>{@code metadata.version}: Kafka's levels 7 (3.3-IV3, the oldest Kafka 4 knows) to 27
 *       (4.1-IV1), finalized at 27. It versions the KRaft metadata log's records; clients do not
 *       read that log, and the level tells tools which Kafka release's protocol this node speaks
 *       (Kafka 4.1's ranges, see {@code ApiKey}).</li>
 *   <li>{@code kraft.version}: 1 means a dynamic controller quorum (KIP-853); a single node is a
 *       static quorum, level 0.</li>
 *   <li>{@code group.version}: 1 switches on the KIP-848 consumer protocol (ConsumerGroupHeartbeat,
 *       ConsumerGroupDescribe); supported 0 to 1 and finalized at 1, as Kafka 4.1 ships it.</li>
 *   <li>{@code transaction.version}: 1 and 2 are KIP-890's transaction protocol; transactions are
 *       not implemented, 0 (a producer would otherwise use EndTxn v5 and implicit partitions).</li>
 *   <li>{@code eligible.leader.replicas.version} (KIP-966), {@code share.version} (KIP-932),
 *       {@code streams.version} (KIP-1071): not implemented, 0.</li>
 * </ul>
 *
 * <p>The finalized epoch is fixed while the levels are compiled in; once features are stored in a
 * metadata log it becomes the offset of the record that finalized them, as in Kafka.
 *
 * <p>Immutable and thread-safe.
 */
public final class BrokerFeatures {
    /** Kafka's feature names. */
    public static final String METADATA_VERSION = "metadata.version";
    public static final String KRAFT_VERSION = "kraft.version";
    public static final String GROUP_VERSION = "group.version";
    public static final String TRANSACTION_VERSION = "transaction.version";
    public static final String ELIGIBLE_LEADER_REPLICAS_VERSION = "eligible.leader.replicas.version";
    public static final String SHARE_VERSION = "share.version";
    public static final String STREAMS_VERSION = "streams.version";

    /** metadata.version levels: 3.3-IV3 (Kafka 4's minimum) and 4.1-IV1 (Kafka 4.1's latest production). */
    static final short METADATA_VERSION_3_3_IV3 = 7;
    static final short METADATA_VERSION_4_1_IV1 = 27;

    /** group.version 1: the KIP-848 consumer group protocol. */
    static final short GROUP_VERSION_1 = 1;

    /** The finalized-features epoch while levels are compiled in (valid epochs are >= 0). */
    static final long STATIC_FINALIZED_EPOCH = 0;

    /** The features of this Samsa release. */
    public static final BrokerFeatures SAMSA = new BrokerFeatures(List.of(
            new Feature(METADATA_VERSION, METADATA_VERSION_3_3_IV3, METADATA_VERSION_4_1_IV1, METADATA_VERSION_4_1_IV1),
            Feature.notImplemented(KRAFT_VERSION),
            new Feature(GROUP_VERSION, (short) 0, GROUP_VERSION_1, GROUP_VERSION_1),
            Feature.notImplemented(TRANSACTION_VERSION),
            Feature.notImplemented(ELIGIBLE_LEADER_REPLICAS_VERSION),
            Feature.notImplemented(SHARE_VERSION),
            Feature.notImplemented(STREAMS_VERSION)), STATIC_FINALIZED_EPOCH);

    private final List<Feature> features;
    private final long finalizedEpoch;

    public BrokerFeatures(List<Feature> features, long finalizedEpoch) {
        this.features = List.copyOf(features);
        this.finalizedEpoch = finalizedEpoch;
    }

    /** @return every feature, in a stable order */
    public List<Feature> features() {
        return features;
    }

    /** @return the epoch of the finalized levels, >= 0 */
    public long finalizedEpoch() {
        return finalizedEpoch;
    }

    /**
     * One feature: the levels this software supports and the cluster's finalized level (0 means
     * the feature is off; Kafka then leaves it out of the finalized list).
     */
    public record Feature(String name, short minSupported, short maxSupported, short finalizedLevel) {
        public Feature {
            if (minSupported < 0 || maxSupported < minSupported || finalizedLevel < 0 || finalizedLevel > maxSupported) {
                throw new IllegalArgumentException("inconsistent levels for feature " + name);
            }
        }

        /** A feature Kafka defines that Samsa does not implement: only level 0. */
        static Feature notImplemented(String name) {
            return new Feature(name, (short) 0, (short) 0, (short) 0);
        }

        /** @return whether the cluster runs the feature at a level above 0 */
        public boolean isFinalized() {
            return finalizedLevel > 0;
        }
    }
}
