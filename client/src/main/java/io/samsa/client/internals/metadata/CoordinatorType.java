package io.samsa.client.internals.metadata;

/** The kinds of coordinator FindCoordinator can look up, with their wire key_type. */
public enum CoordinatorType {
    GROUP((byte) 0),
    TRANSACTION((byte) 1);

    private final byte id;

    CoordinatorType(byte id) {
        this.id = id;
    }

    public byte id() {
        return id;
    }
}
