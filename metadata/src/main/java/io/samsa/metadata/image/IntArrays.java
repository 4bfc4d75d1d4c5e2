package io.samsa.metadata.image;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/** Small helpers over the broker-id arrays of partition state. Stateless. */
public final class IntArrays {
    private IntArrays() {
    }

    public static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }

    /** @return the elements of {@code values} that pass {@code keep}, in order */
    public static int[] filter(int[] values, IntPredicate keep) {
        return Arrays.stream(values).filter(keep).toArray();
    }

    public static int[] of(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    public static List<Integer> toList(int[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    /** @return whether both hold the same ids, ignoring order */
    public static boolean sameSet(int[] a, int[] b) {
        int[] x = a.clone();
        int[] y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        return Arrays.equals(x, y);
    }
}
