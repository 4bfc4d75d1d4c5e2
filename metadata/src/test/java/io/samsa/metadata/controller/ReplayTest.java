package io.samsa.metadata.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.samsa.metadata.controller.api.Reassignment;
import io.samsa.metadata.controller.api.TopicPartitionName;
import io.samsa.metadata.image.ConfigResource;
import io.samsa.metadata.image.ImageRecords;
import io.samsa.metadata.image.MetadataDelta;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.metadata.records.MetadataRecords;
import io.samsa.metadata.records.proto.MetadataRecord;
import io.samsa.protocol.types.Uuid;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Records are the truth: replaying the log, or a snapshot of the image, gives the same image. */
class ReplayTest {

    private static ControllerTestContext busyCluster() {
        ControllerTestContext ctx = new ControllerTestContext();
        for (int id = 1; id <= 3; id++) {
            ctx.startBroker(id);
        }
        ctx.createTopic("a", 4, 3);
        ctx.createTopic("b", 2, 2);
        ctx.createTopic("c", 1, 1);
        ctx.commit(ctx.controller.deleteTopics(ctx.image, List.of("c"), List.of()));
        ctx.commit(ctx.controller.allocateProducerIds(ctx.image, 2, ctx.epochs.get(2)));
        ctx.commit(ctx.controller.alterConfigs(ctx.image, ConfigResource.topic("a"), Map.of("retention.ms",
                Optional.of("5000"))));
        ctx.commit(ctx.controller.alterPartitionReassignments(ctx.image, List.of(new Reassignment(
                new TopicPartitionName("b", 0), Optional.of(List.of(3, 1))))));
        ctx.time.advance(5_000);
        ctx.heartbeatAll(1, 2);
        ctx.sleep(4_000); // broker 3 fenced: leaderships move
        return ctx;
    }

    @Test
    void replayingTheLogFromTheStartGivesTheSameImage() {
        ControllerTestContext ctx = busyCluster();
        MetadataImage replayed = MetadataImage.EMPTY;
        for (List<MetadataRecord> batch : ctx.log) {
            MetadataDelta delta = replayed.newDelta();
            batch.forEach(delta::replay);
            replayed = delta.apply(replayed.offset() + 1, 1);
        }
        assertEquals(ctx.image, replayed);
    }

    @Test
    void anImageWrittenAsRecordsReadsBackEqual() {
        ControllerTestContext ctx = busyCluster();
        MetadataImage read = ImageRecords.read(ImageRecords.toRecords(ctx.image), ctx.image.offset(),
                ctx.image.version(), ctx.image.lastBrokerEpoch());
        assertEquals(ctx.image, read);
    }

    @Test
    void theDeltaBetweenTwoImagesLeadsFromTheFirstToTheSecond() {
        ControllerTestContext ctx = new ControllerTestContext();
        ctx.startBroker(1);
        ctx.createTopic("kept", 2, 1);
        ctx.createTopic("deleted", 1, 1);
        ctx.commit(ctx.controller.alterConfigs(ctx.image, ConfigResource.topic("kept"),
                Map.of("a", Optional.of("1"), "b", Optional.of("2"))));
        MetadataImage earlier = ctx.image;
        ctx.startBroker(2);
        ctx.commit(ctx.controller.deleteTopics(ctx.image, List.of("deleted"), List.of()));
        ctx.createTopic("created", 1, 2);
        ctx.commit(ctx.controller.alterConfigs(ctx.image, ConfigResource.topic("kept"),
                Map.of("a", Optional.empty(), "c", Optional.of("3"))));
        ctx.commit(ctx.controller.alterPartitionReassignments(ctx.image, List.of(new Reassignment(
                new TopicPartitionName("kept", 1), Optional.of(List.of(2))))));
        MetadataImage later = ctx.image;

        MetadataDelta delta = MetadataDelta.between(earlier, later);
        assertEquals(later, delta.apply(later.offset(), later.version() - earlier.version()));
        assertEquals(List.of(ctx.topicId("created"), ctx.topicId("kept")).stream().sorted().toList(),
                delta.changedTopics().keySet().stream().sorted().toList());
        assertEquals(1, delta.changedTopics().get(ctx.topicId("kept")).changedPartitions().size(),
                "only the reassigned partition");
        assertEquals(1, delta.deletedTopics().size());
    }

    @Test
    void aRecordThatContradictsTheImageIsRefused() {
        ControllerTestContext ctx = busyCluster();
        MetadataDelta delta = ctx.image.newDelta();
        assertThrows(IllegalStateException.class, () -> delta.replay(MetadataRecords.topic("a", new Uuid(1, 2))));
        assertThrows(IllegalStateException.class, () -> delta.replay(MetadataRecords.removeTopic(new Uuid(3, 3))));
        assertThrows(IllegalStateException.class, () -> delta.replay(MetadataRecords.fenceBroker(9, 1)));
    }
}
