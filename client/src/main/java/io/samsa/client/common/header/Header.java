package io.samsa.client.common.header;

/**
 * One record header: a string key and a byte-array value (null allowed). Implementations are
 * immutable by contract; the value array is shared, not copied.
 */
public interface Header {
    String key();

    byte[] value();
}
