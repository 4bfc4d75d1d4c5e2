package io.samsa.protocol.record;

import io.samsa.protocol.record.CorruptRecordException.Reason;
import java.nio.ByteBuffer;

/**
 * Records of an uncompressed batch, read straight from the batch's buffer: no byte is copied and
 * each {@link Record} points into that buffer. Not thread-safe.
 */
final class InPlaceRecordIterator extends CountedRecordIterator {
    private final RecordParser parser;
    private final ByteBuffer buffer;
    private final int end;
    private int position;

    InPlaceRecordIterator(RecordBatch batch) {
        super(batch.recordsCount());
        this.parser = new RecordParser(batch);
        int recordsStart = batch.start() + RecordBatch.RECORDS_OFFSET;
        int end = batch.recordsEnd();
        // every record takes at least MIN_RECORD_BYTES, so a larger count cannot be honest
        if (recordsCount < 0 || recordsCount > (end - recordsStart) / RecordParser.MIN_RECORD_BYTES) {
            throw new CorruptRecordException(Reason.INVALID_RECORDS_COUNT,
                    "recordsCount " + recordsCount + " for " + (end - recordsStart) + " bytes of records");
        }
        this.buffer = batch.buffer();
        this.end = end;
        this.position = recordsStart;
        if (recordsCount == 0) {
            afterLastRecord();
        }
    }

    @Override
    Record readNext() {
        Record record = parser.readRecord(buffer, position, end);
        position = parser.position();
        return record;
    }

    @Override
    void afterLastRecord() {
        if (position != end) {
            throw new CorruptRecordException(Reason.INVALID_RECORDS_COUNT,
                    (end - position) + " bytes left after the batch's " + recordsCount + " records");
        }
    }

    @Override
    public void close() {
        // nothing held
    }
}
