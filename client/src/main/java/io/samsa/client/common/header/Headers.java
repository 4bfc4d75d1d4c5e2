package io.samsa.client.common.header;

/**
 * The headers of one record, in order, with repeated keys allowed. Mutating methods throw
 * {@link IllegalStateException} once the headers became read-only (after the record was sent).
 * Implementations need not be thread-safe: a record's headers belong to one thread at a time.
 */
public interface Headers extends Iterable<Header> {
    /** Appends a header; returns this. */
    Headers add(Header header);

    /** Appends a header with this key and value; returns this. */
    Headers add(String key, byte[] value);

    /** Removes every header with this key; returns this. */
    Headers remove(String key);

    /** The last header with this key, or null. */
    Header lastHeader(String key);

    /** Every header with this key, in order. */
    Iterable<Header> headers(String key);

    /** A copy of the headers as an array, in order. */
    Header[] toArray();
}
