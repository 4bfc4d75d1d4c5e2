package io.samsa.protocol.record;

import java.util.NoSuchElementException;

/**
 * The part both record iterators share: a batch yields exactly recordsCount records, and after the
 * last one the subclass checks that nothing is left over. Not thread-safe.
 */
abstract class CountedRecordIterator implements RecordIterator {
    protected final int recordsCount;
    private int recordsRead;

    CountedRecordIterator(int recordsCount) {
        this.recordsCount = recordsCount;
    }

    @Override
    public final boolean hasNext() {
        return recordsRead < recordsCount;
    }

    @Override
    public final Record next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Record record = readNext();
        if (++recordsRead == recordsCount) {
            afterLastRecord();
        }
        return record;
    }

    /** Reads the next record; called only while records remain. */
    abstract Record readNext();

    /** Checks that the batch holds nothing after its last record, and releases what it can. */
    abstract void afterLastRecord();
}
