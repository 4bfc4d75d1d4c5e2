package io.samsa.protocol.types;

/**
 * Raised when a message is encoded or decoded at a version its schema cannot express: a version
 * outside the schema's range, or a non-default value in a field the version lacks.
 */
public class UnsupportedVersionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnsupportedVersionException(String message) {
        super(message);
    }
}
