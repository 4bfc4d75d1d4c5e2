package io.samsa.metadata.controller;

import io.samsa.metadata.image.MetadataDelta;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.metadata.records.proto.MetadataRecord;
import java.util.List;

/** The controller's view of an image after records it has not committed yet. Stateless. */
final class Images {
    private Images() {
    }

    /**
     * @return {@code image} with {@code records} replayed (offset unchanged, version + 1 when there
     *         are records: they will be one batch)
     */
    static MetadataImage withRecords(MetadataImage image, List<MetadataRecord> records) {
        if (records.isEmpty()) {
            return image;
        }
        MetadataDelta delta = image.newDelta();
        records.forEach(delta::replay);
        return delta.apply(image.offset(), 1);
    }
}
