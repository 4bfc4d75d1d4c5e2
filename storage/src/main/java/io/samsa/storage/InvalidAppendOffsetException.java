package io.samsa.storage;

/**
 * A follower append whose offsets or leader epochs go backwards: the replica is out of step with
 * its leader and must truncate (or refetch) before appending. Nothing was written.
 */
public final class InvalidAppendOffsetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidAppendOffsetException(String message) {
        super(message);
    }
}
