package io.samsa.storage;

/**
 * An appended batch failed validation: wrong magic, inconsistent length, bad CRC, a trailing
 * partial batch. The broker maps it to CORRUPT_MESSAGE. Nothing was written.
 */
public final class CorruptRecordException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CorruptRecordException(String message) {
        super(message);
    }
}
