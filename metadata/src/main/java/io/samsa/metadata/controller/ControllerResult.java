package io.samsa.metadata.controller;

import io.samsa.metadata.records.proto.MetadataRecord;
import java.util.List;

/**
 * What a controller operation produced: the records to commit (applied all or none) and the
 * response to send once they are committed. An operation never changes state itself; the
 * records are the truth, and only their replay changes the image. Immutable.
 *
 * @param <T> the response type
 */
public record ControllerResult<T>(List<MetadataRecord> records, T response) {
    public ControllerResult {
        records = List.copyOf(records);
    }

    public static <T> ControllerResult<T> of(List<MetadataRecord> records, T response) {
        return new ControllerResult<>(records, response);
    }

    /** A result that commits nothing (a read, or a request rejected before any change). */
    public static <T> ControllerResult<T> withoutRecords(T response) {
        return new ControllerResult<>(List.of(), response);
    }
}
