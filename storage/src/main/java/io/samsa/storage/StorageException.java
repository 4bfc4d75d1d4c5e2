package io.samsa.storage;

/**
 * An I/O failure of the log's files (disk full, file vanished, fsync failed). The broker answers
 * it with KAFKA_STORAGE_ERROR; it never means the caller's input was bad.
 */
public class StorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
