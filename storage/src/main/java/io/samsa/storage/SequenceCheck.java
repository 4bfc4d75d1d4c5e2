package io.samsa.storage;

import io.samsa.protocol.ErrorCode;

/**
 * The verdict on an idempotent batch before it is appended.
 *
 * @param error     NONE to append (or, with a duplicate, to answer without appending)
 * @param duplicate the earlier append of the same batch, or null
 * @param message   why, for the response's error message, or null
 */
public record SequenceCheck(ErrorCode error, ProducerBatch duplicate, String message) {
    public static final SequenceCheck APPEND = new SequenceCheck(ErrorCode.NONE, null, null);

    static SequenceCheck duplicateOf(ProducerBatch batch) {
        return new SequenceCheck(ErrorCode.NONE, batch, null);
    }

    static SequenceCheck error(ErrorCode error, String message) {
        return new SequenceCheck(error, null, message);
    }
}
