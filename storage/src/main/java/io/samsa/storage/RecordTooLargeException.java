package io.samsa.storage;

/**
 * An appended batch is larger than the topic's {@code max.message.bytes} (or than a whole segment).
 * The broker maps it to MESSAGE_TOO_LARGE. Nothing was written.
 */
public final class RecordTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RecordTooLargeException(String message) {
        super(message);
    }
}
