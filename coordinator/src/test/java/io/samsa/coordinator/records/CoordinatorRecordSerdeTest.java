package io.samsa.coordinator.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.coordinator.TestGroups;
import io.samsa.coordinator.group.ClassicGroup;
import io.samsa.coordinator.group.ClassicGroupState;
import io.samsa.coordinator.group.GroupCoordinatorRecords;
import io.samsa.coordinator.offsets.CommittedOffset;
import io.samsa.coordinator.offsets.OffsetCommitRecords;
import io.samsa.coordinator.records.proto.GroupMetadataValue;
import io.samsa.coordinator.records.proto.OffsetCommitValue;
import io.samsa.coordinator.records.proto.RecordKey;
import io.samsa.coordinator.records.proto.RecordType;
import java.nio.ByteBuffer;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class CoordinatorRecordSerdeTest {

    private static CoordinatorRecord roundTrip(CoordinatorRecord record) {
        return CoordinatorRecordSerde.deserialize(CoordinatorRecordSerde.serialize(record));
    }

    @Test
    void groupMetadataRoundTripsToAnEqualGroup() {
        ClassicGroup group = TestGroups.stableGroup("g1", 1_000L,
                TestGroups.member("m1", "range", "roundrobin"),
                TestGroups.staticMember("m2", "instance-2", "roundrobin", "range"));
        CoordinatorRecord record = GroupCoordinatorRecords.newGroupMetadataRecord(group);

        CoordinatorRecord read = roundTrip(record);

        assertEquals(record, read);
        assertEquals(RecordType.GROUP_METADATA, read.type());
        ClassicGroup back = GroupCoordinatorRecords.toClassicGroup("g1", (GroupMetadataValue) read.value());
        assertEquals(group, back);
        assertEquals("m2", back.staticMemberId("instance-2"));
        assertEquals("m1", back.leaderId());
        assertEquals(ClassicGroupState.STABLE, back.state());
    }

    @Test
    void emptyGroupWithoutProtocolTypeRoundTrips() {
        ClassicGroup group = ClassicGroup.empty("standalone", 42L);
        ClassicGroup back = GroupCoordinatorRecords.toClassicGroup("standalone",
                (GroupMetadataValue) roundTrip(GroupCoordinatorRecords.newGroupMetadataRecord(group)).value());
        assertEquals(group, back);
        assertNull(back.protocolType());
        assertNull(back.protocolName());
        assertNull(back.leaderId());
    }

    @Test
    void offsetCommitRoundTripsWithAndWithoutExpiry() {
        CommittedOffset plain = CommittedOffset.of(100L, 7, "meta", 5_000L);
        CommittedOffset expiring = new CommittedOffset(200L, -1, "", 6_000L, OptionalLong.of(9_000L));
        for (CommittedOffset offset : new CommittedOffset[] {plain, expiring}) {
            CoordinatorRecord record = OffsetCommitRecords.newOffsetCommitRecord("g", "topic", 3, offset);
            CoordinatorRecord read = roundTrip(record);
            assertEquals(record, read);
            assertEquals("topic", read.key().getTopic());
            assertEquals(3, read.key().getPartition());
            assertEquals(offset, OffsetCommitRecords.toCommittedOffset((OffsetCommitValue) read.value()));
        }
    }

    @Test
    void tombstonesHaveNoValueBytes() {
        SerializedRecord group = CoordinatorRecordSerde.serialize(GroupCoordinatorRecords.newGroupMetadataTombstoneRecord("g"));
        SerializedRecord offset = CoordinatorRecordSerde.serialize(OffsetCommitRecords.newOffsetCommitTombstoneRecord("g", "t", 0));
        assertNull(group.value());
        assertNull(offset.value());
        CoordinatorRecord read = CoordinatorRecordSerde.deserialize(offset);
        assertTrue(read.isTombstone());
        assertEquals(RecordType.OFFSET_COMMIT, read.type());
        assertEquals("g", read.key().getGroupId());
    }

    @Test
    void unknownRecordTypeIsReportedAsSuch() {
        byte[] key = RecordKey.newBuilder().setTypeValue(99).setGroupId("g").build().toByteArray();
        CoordinatorRecordFormatException e = assertThrows(CoordinatorRecordFormatException.class,
                () -> CoordinatorRecordSerde.deserialize(ByteBuffer.wrap(key), null));
        assertTrue(e.unknownType());
    }

    @Test
    void garbageBytesAreAFormatErrorNotAnUnknownType() {
        byte[] garbage = {(byte) 0xff, (byte) 0xff, (byte) 0xff};
        CoordinatorRecordFormatException e = assertThrows(CoordinatorRecordFormatException.class,
                () -> CoordinatorRecordSerde.deserialize(ByteBuffer.wrap(garbage), null));
        assertFalse(e.unknownType());
        byte[] key = CoordinatorRecordSerde.serialize(GroupCoordinatorRecords.newGroupMetadataTombstoneRecord("g")).key();
        CoordinatorRecordFormatException badValue = assertThrows(CoordinatorRecordFormatException.class,
                () -> CoordinatorRecordSerde.deserialize(ByteBuffer.wrap(key), ByteBuffer.wrap(garbage)));
        assertFalse(badValue.unknownType());
    }

    @Test
    void aValueOfTheWrongTypeIsRejected() {
        RecordKey groupKey = RecordKey.newBuilder().setType(RecordType.GROUP_METADATA).setGroupId("g").build();
        assertThrows(IllegalArgumentException.class,
                () -> new CoordinatorRecord(groupKey, OffsetCommitValue.getDefaultInstance()));
    }

    @Test
    void aDeadGroupIsNeverWritten() {
        ClassicGroup dead = ClassicGroup.empty("g", 0L).transitionTo(ClassicGroupState.DEAD, 1L);
        assertThrows(IllegalArgumentException.class, () -> GroupCoordinatorRecords.newGroupMetadataRecord(dead));
    }
}
