package io.samsa.metadata.controller.api;

/** ElectLeaders' election types, with Kafka's wire values. */
public enum ElectionType {
    /** Move leadership to the first replica when it is live and in the ISR. */
    PREFERRED((byte) 0),
    /** Give a leaderless partition any live replica, in the ISR or not. */
    UNCLEAN((byte) 1);

    private final byte value;

    ElectionType(byte value) {
        this.value = value;
    }

    public byte value() {
        return value;
    }
}
