package io.samsa.benchmarks.broker;

import java.util.Random;

/** Record values for the broker benchmarks: seeded random bytes, so compression (if enabled) cannot cheat. Stateless. */
final class BenchmarkValues {
    private BenchmarkValues() {
    }

    static byte[] random(int sizeBytes) {
        byte[] value = new byte[sizeBytes];
        new Random(42).nextBytes(value);
        return value;
    }
}
