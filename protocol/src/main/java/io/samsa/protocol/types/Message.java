package io.samsa.protocol.types;

import java.util.List;

/**
 * A generated protocol message or struct: mutable, encodable at every version of its schema.
 * Instances are not thread-safe; hand them between threads only with a happens-before edge.
 *
 * <p>{@code apiKey()} lives on {@link ApiMessage}: a nested struct may have a field named apiKey
 * (ApiVersionsResponse.ApiVersion). Top-level data messages still have an {@code apiKey()} that
 * returns -1.
 */
public interface Message {

    short lowestSupportedVersion();

    short highestSupportedVersion();

    /** Replaces this instance's contents with the value decoded from {@code in} at {@code version}. */
    void read(Readable in, short version);

    /** Encodes this value at {@code version}; fails if a set field cannot be expressed there. */
    void write(Writable out, short version);

    /** The exact number of bytes {@link #write} produces at {@code version}. */
    int size(short version);

    /** Tagged fields decoded but not known to this schema; re-written as they came. */
    List<RawTaggedField> unknownTaggedFields();
}
