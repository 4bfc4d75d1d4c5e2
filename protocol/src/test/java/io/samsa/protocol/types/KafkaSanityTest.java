package io.samsa.protocol.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.samsa.protocol.message.ApiVersionsResponse;
import io.samsa.protocol.message.FetchResponse;
import io.samsa.protocol.message.JoinGroupRequest;
import io.samsa.protocol.message.MetadataResponse;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.junit.jupiter.api.Test;

/**
 * A few messages encoded by both our generated classes and kafka-clients' must be byte-identical,
 * and each side must decode the other's bytes: a smoke check for systematic generator mistakes.
 * (The exhaustive comparison lives in the protocol-tests suite.)
 */
class KafkaSanityTest {

    @Test
    void joinGroupRequestMatchesKafkaAtEveryVersion() {
        for (short version = 0; version <= 9; version++) {
            JoinGroupRequestData theirs = new JoinGroupRequestData().setGroupId("group-é").setSessionTimeoutMs(30000)
                    .setMemberId("member-1").setProtocolType("consumer");
            theirs.protocols().add(new JoinGroupRequestData.JoinGroupRequestProtocol().setName("range")
                    .setMetadata(new byte[] {1, 2, 3}));
            JoinGroupRequest ours = new JoinGroupRequest().setGroupId("group-é").setSessionTimeoutMs(30000)
                    .setMemberId("member-1").setProtocolType("consumer").setProtocols(List.of(
                            new JoinGroupRequest.JoinGroupRequestProtocol().setName("range").setMetadata(new byte[] {1, 2, 3})));
            if (version >= 1) {
                theirs.setRebalanceTimeoutMs(60000);
                ours.setRebalanceTimeoutMs(60000);
            }
            if (version >= 5) {
                theirs.setGroupInstanceId("instance");
                ours.setGroupInstanceId("instance");
            }
            if (version >= 8) {
                theirs.setReason("because");
                ours.setReason("because");
            }
            byte[] expected = WireBytes.kafka(theirs, version);
            assertArrayEquals(expected, WireBytes.samsa(ours, version), "version " + version);
            assertEquals(ours, new JoinGroupRequest(new ByteBufferReadable(ByteBuffer.wrap(expected)), version));
        }
    }

    @Test
    void metadataResponseMatchesKafkaAtEveryVersion() {
        for (short version = 0; version <= 13; version++) {
            MetadataResponseData theirs = new MetadataResponseData().setThrottleTimeMs(5).setControllerId(1);
            theirs.brokers().add(new MetadataResponseData.MetadataResponseBroker().setNodeId(1).setHost("localhost")
                    .setPort(9092).setRack(version >= 1 ? "r1" : null));
            MetadataResponseData.MetadataResponseTopic topic = new MetadataResponseData.MetadataResponseTopic()
                    .setName("t").setIsInternal(false);
            topic.partitions().add(new MetadataResponseData.MetadataResponsePartition().setPartitionIndex(0)
                    .setLeaderId(1).setReplicaNodes(List.of(1, 2)).setIsrNodes(List.of(1)));
            theirs.topics().add(topic);
            if (version >= 2) {
                theirs.setClusterId("cluster");
            }
            byte[] expected = WireBytes.kafka(theirs, version);
            MetadataResponse ours = new MetadataResponse(new ByteBufferReadable(ByteBuffer.wrap(expected)), version);
            assertArrayEquals(expected, WireBytes.samsa(ours, version), "version " + version);
            assertEquals("cluster".equals(theirs.clusterId()) ? "cluster" : null, ours.clusterId());
        }
    }

    @Test
    void apiVersionsResponseWithTaggedFieldsMatchesKafka() {
        short version = 3;
        ApiVersionsResponseData theirs = new ApiVersionsResponseData().setErrorCode((short) 0).setThrottleTimeMs(0)
                .setFinalizedFeaturesEpoch(7).setZkMigrationReady(true);
        theirs.apiKeys().add(new ApiVersionsResponseData.ApiVersion().setApiKey((short) 18).setMinVersion((short) 0)
                .setMaxVersion((short) 4));
        theirs.supportedFeatures().add(new ApiVersionsResponseData.SupportedFeatureKey().setName("metadata.version")
                .setMinVersion((short) 1).setMaxVersion((short) 20));
        byte[] expected = WireBytes.kafka(theirs, version);
        ApiVersionsResponse ours = new ApiVersionsResponse(new ByteBufferReadable(ByteBuffer.wrap(expected)), version);
        assertEquals(7, ours.finalizedFeaturesEpoch());
        assertEquals(1, ours.supportedFeatures().size());
        assertArrayEquals(expected, WireBytes.samsa(ours, version));
    }

    @Test
    void fetchResponseWithTaggedStructsAndRecordsMatchesKafka() {
        byte[] records = new byte[70];
        for (int i = 0; i < records.length; i++) {
            records[i] = (byte) i;
        }
        for (short version = 4; version <= 18; version++) {
            FetchResponseData theirs = new FetchResponseData().setThrottleTimeMs(1).setSessionId(version >= 7 ? 9 : 0);
            FetchResponseData.FetchableTopicResponse topic = new FetchResponseData.FetchableTopicResponse();
            if (version >= 13) {
                topic.setTopicId(org.apache.kafka.common.Uuid.randomUuid());
            } else {
                topic.setTopic("topic");
            }
            FetchResponseData.PartitionData partition = new FetchResponseData.PartitionData().setPartitionIndex(3)
                    .setHighWatermark(100).setRecords(org.apache.kafka.common.record.MemoryRecords.readableRecords(
                            ByteBuffer.wrap(records)));
            if (version >= 12) {
                partition.setDivergingEpoch(new FetchResponseData.EpochEndOffset().setEpoch(2).setEndOffset(50));
                partition.setCurrentLeader(new FetchResponseData.LeaderIdAndEpoch().setLeaderId(1).setLeaderEpoch(5));
            }
            topic.partitions().add(partition);
            theirs.responses().add(topic);
            if (version >= 16) {
                theirs.nodeEndpoints().add(new FetchResponseData.NodeEndpoint().setNodeId(1).setHost("h").setPort(9092));
            }
            byte[] expected = WireBytes.kafka(theirs, version);
            FetchResponse ours = new FetchResponse(new ByteBufferReadable(ByteBuffer.wrap(expected)), version);
            assertArrayEquals(expected, WireBytes.samsa(ours, version), "version " + version);
            assertEquals(70, ours.responses().get(0).partitions().get(0).records().sizeInBytes());
            if (version >= 12) {
                assertEquals(5, ours.responses().get(0).partitions().get(0).currentLeader().leaderEpoch());
            }
        }
    }
}
