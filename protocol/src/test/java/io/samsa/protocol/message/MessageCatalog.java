package io.samsa.protocol.message;

import io.samsa.protocol.types.Message;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.message.ApiMessageType;

/**
 * The messages Samsa must implement, written down independently of Samsa's own registry so that
 * a missing schema fails a test instead of silently shrinking the table: every API key we
 * advertise (COMPATIBILITY.md section 2) with the version range we advertise, plus the two
 * embedded consumer-protocol data messages. Names come from kafka-clients. Immutable.
 */
final class MessageCatalog {
    static final String PACKAGE = "io.samsa.protocol.message.";

    /**
     * API key -> the versions Samsa must decode and encode: the range it advertises
     * (COMPATIBILITY.md section 2), except Produce, advertised 0-11 for librdkafka's feature
     * probes but accepted only from v3, as Kafka 4 does.
     */
    static final Map<Short, VersionRange> REQUIRED_VERSIONS = advertised();

    /** The data messages embedded in JoinGroup/SyncGroup, versions 0-3. */
    static final Map<String, VersionRange> DATA_MESSAGES = Map.of(
        "ConsumerProtocolSubscription", new VersionRange((short) 0, (short) 3),
        "ConsumerProtocolAssignment", new VersionRange((short) 0, (short) 3));

    private MessageCatalog() {
    }

    /** One message we expect Samsa to have, with the versions its schema must at least cover. */
    record Entry(String name, int apiKey, VersionRange required) {
        KafkaMessageSpec kafkaSpec() {
            return KafkaMessageSpec.load(name);
        }

        /** Samsa's generated class, or an AssertionError naming what is missing. */
        Class<? extends Message> samsaClass() {
            try {
                return Class.forName(PACKAGE + name).asSubclass(Message.class);
            } catch (ClassNotFoundException e) {
                throw new AssertionError("Samsa has no message class " + PACKAGE + name
                    + (apiKey >= 0 ? " (api key " + apiKey + ", required " + required + ")" : ""), e);
            }
        }

        /** The versions both Samsa's schema and kafka-clients 4.1 implement. */
        VersionRange testedVersions() {
            Message prototype = SamsaTrees.newInstance(samsaClass());
            VersionRange samsa = new VersionRange(prototype.lowestSupportedVersion(), prototype.highestSupportedVersion());
            return samsa.intersect(kafkaSpec().validVersions());
        }
    }

    /** Every request, response and data message of the table, requests before responses. */
    static List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<Short, VersionRange> api : REQUIRED_VERSIONS.entrySet()) {
            ApiMessageType type = ApiMessageType.fromApiKey(api.getKey());
            entries.add(new Entry(kafkaName(type.newRequest()), api.getKey(), api.getValue()));
            entries.add(new Entry(kafkaName(type.newResponse()), api.getKey(), api.getValue()));
        }
        DATA_MESSAGES.entrySet().stream().sorted(Map.Entry.comparingByKey())
            .forEach(data -> entries.add(new Entry(data.getKey(), -1, data.getValue())));
        return entries;
    }

    private static String kafkaName(Object kafkaMessage) {
        String simpleName = kafkaMessage.getClass().getSimpleName();
        return simpleName.substring(0, simpleName.length() - "Data".length());
    }

    private static Map<Short, VersionRange> advertised() {
        Map<Short, VersionRange> map = new LinkedHashMap<>();
        put(map, 0, 3, 11);   // Produce (advertised 0-11, v0-2 rejected)
        put(map, 1, 4, 12);   // Fetch
        put(map, 2, 1, 10);   // ListOffsets
        put(map, 3, 0, 12);   // Metadata
        put(map, 8, 2, 9);    // OffsetCommit
        put(map, 9, 1, 9);    // OffsetFetch
        put(map, 10, 0, 6);   // FindCoordinator
        put(map, 11, 0, 9);   // JoinGroup
        put(map, 12, 0, 4);   // Heartbeat
        put(map, 13, 0, 5);   // LeaveGroup
        put(map, 14, 0, 5);   // SyncGroup
        put(map, 15, 0, 5);   // DescribeGroups
        put(map, 16, 0, 5);   // ListGroups
        put(map, 18, 0, 4);   // ApiVersions
        put(map, 19, 2, 7);   // CreateTopics
        put(map, 20, 1, 6);   // DeleteTopics
        put(map, 21, 0, 2);   // DeleteRecords
        put(map, 22, 0, 5);   // InitProducerId
        put(map, 23, 2, 4);   // OffsetForLeaderEpoch
        put(map, 24, 0, 5);   // AddPartitionsToTxn
        put(map, 25, 0, 4);   // AddOffsetsToTxn
        put(map, 26, 0, 4);   // EndTxn (v5 needs transaction version 2)
        put(map, 27, 1, 1);   // WriteTxnMarkers
        put(map, 28, 0, 5);   // TxnOffsetCommit
        put(map, 29, 1, 3);   // DescribeAcls
        put(map, 30, 1, 3);   // CreateAcls
        put(map, 31, 1, 3);   // DeleteAcls
        put(map, 32, 1, 4);   // DescribeConfigs
        put(map, 35, 1, 4);   // DescribeLogDirs
        put(map, 37, 0, 3);   // CreatePartitions
        put(map, 44, 0, 1);   // IncrementalAlterConfigs
        put(map, 45, 0, 1);   // AlterPartitionReassignments
        put(map, 46, 0, 0);   // ListPartitionReassignments
        put(map, 42, 0, 2);   // DeleteGroups
        put(map, 43, 0, 2);   // ElectLeaders
        put(map, 47, 0, 0);   // OffsetDelete
        put(map, 48, 0, 1);   // DescribeClientQuotas
        put(map, 49, 0, 1);   // AlterClientQuotas
        put(map, 55, 0, 2);   // DescribeQuorum
        put(map, 60, 0, 2);   // DescribeCluster
        put(map, 61, 0, 0);   // DescribeProducers
        put(map, 65, 0, 0);   // DescribeTransactions
        put(map, 66, 0, 2);   // ListTransactions
        put(map, 68, 0, 1);   // ConsumerGroupHeartbeat
        put(map, 69, 0, 1);   // ConsumerGroupDescribe
        return map;
    }

    private static void put(Map<Short, VersionRange> map, int key, int lowest, int highest) {
        map.put((short) key, new VersionRange((short) lowest, (short) highest));
    }
}
