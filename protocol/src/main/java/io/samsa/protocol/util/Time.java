package io.samsa.protocol.util;

/**
 * The one source of time in Samsa. Production code uses {@link #SYSTEM}; tests inject a
 * {@link ManualTime} and advance it by hand, so timeouts are tested without sleeping.
 *
 * <p>Read the time once at the top of an operation and pass {@code nowMs} down. Compare deadlines
 * by subtraction ({@code deadlineMs - nowMs <= 0}), never by comparing absolute values.
 */
public interface Time {

    /** Wall-clock time, for timestamps that leave the process (record timestamps, expiry). */
    long milliseconds();

    /** Monotonic time, for measuring intervals; unrelated to wall-clock time. */
    long nanoseconds();

    /** The machine's clocks. */
    Time SYSTEM = new Time() {
        @Override
        public long milliseconds() {
            return System.currentTimeMillis();
        }

        @Override
        public long nanoseconds() {
            return System.nanoTime();
        }

        @Override
        public String toString() {
            return "Time.SYSTEM";
        }
    };
}
