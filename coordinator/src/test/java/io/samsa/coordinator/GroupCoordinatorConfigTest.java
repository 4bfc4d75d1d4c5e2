package io.samsa.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupCoordinatorConfigTest {

    @Test
    void defaultsAreKafkas() {
        GroupCoordinatorConfig config = GroupCoordinatorConfig.defaults();
        assertEquals(50, config.offsetsTopicPartitions());
        assertEquals(10_080, config.offsetsRetentionMinutes());
        assertEquals(7L * 24 * 60 * 60 * 1000, config.offsetsRetentionMs());
        assertEquals(600_000L, config.offsetsRetentionCheckIntervalMs());
        assertEquals(4096, config.offsetMetadataMaxBytes());
        assertEquals(5000, config.offsetCommitTimeoutMs());
        assertEquals(6000, config.groupMinSessionTimeoutMs());
        assertEquals(1_800_000, config.groupMaxSessionTimeoutMs());
        assertEquals(3000, config.groupInitialRebalanceDelayMs());
        assertEquals(Integer.MAX_VALUE, config.groupMaxSize());
        assertEquals(300_000, config.newMemberJoinTimeoutMs());
        assertEquals(4, config.coordinatorThreads());
    }

    @Test
    void propertiesOverrideDefaultsByKafkaName() {
        GroupCoordinatorConfig config = GroupCoordinatorConfig.fromProperties(Map.of(
                GroupCoordinatorConfig.OFFSETS_TOPIC_PARTITIONS, "3",
                GroupCoordinatorConfig.OFFSET_METADATA_MAX_BYTES, " 10 ",
                GroupCoordinatorConfig.GROUP_MAX_SIZE, "5"));
        assertEquals(3, config.offsetsTopicPartitions());
        assertEquals(10, config.offsetMetadataMaxBytes());
        assertEquals(5, config.groupMaxSize());
    }

    @Test
    void badValuesAreRejectedWithTheSettingName() {
        IllegalArgumentException notANumber = assertThrows(IllegalArgumentException.class,
                () -> GroupCoordinatorConfig.fromProperties(Map.of(GroupCoordinatorConfig.GROUP_MAX_SIZE, "lots")));
        assertEquals(true, notANumber.getMessage().contains("group.max.size"));
        assertThrows(IllegalArgumentException.class,
                () -> GroupCoordinatorConfig.fromProperties(Map.of(GroupCoordinatorConfig.OFFSETS_TOPIC_PARTITIONS, "0")));
        assertThrows(IllegalArgumentException.class, () -> GroupCoordinatorConfig.fromProperties(Map.of(
                GroupCoordinatorConfig.GROUP_MIN_SESSION_TIMEOUT_MS, "10000",
                GroupCoordinatorConfig.GROUP_MAX_SESSION_TIMEOUT_MS, "9000")));
    }
}
