package io.samsa.coordinator.records;

/**
 * A {@code __consumer_offsets} record that cannot be read: unparseable bytes, or a type this
 * broker does not know ({@link #unknownType()}; a newer broker may have written it, so loading
 * skips such records rather than failing).
 */
public final class CoordinatorRecordFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean unknownType;

    CoordinatorRecordFormatException(String message, boolean unknownType, Throwable cause) {
        super(message, cause);
        this.unknownType = unknownType;
    }

    /** @return true when the bytes parsed but name a record type this broker does not know */
    public boolean unknownType() {
        return unknownType;
    }
}
