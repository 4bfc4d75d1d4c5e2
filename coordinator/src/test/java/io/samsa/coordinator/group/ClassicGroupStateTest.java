package io.samsa.coordinator.group;

import static io.samsa.coordinator.group.ClassicGroupState.COMPLETING_REBALANCE;
import static io.samsa.coordinator.group.ClassicGroupState.DEAD;
import static io.samsa.coordinator.group.ClassicGroupState.EMPTY;
import static io.samsa.coordinator.group.ClassicGroupState.PREPARING_REBALANCE;
import static io.samsa.coordinator.group.ClassicGroupState.STABLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClassicGroupStateTest {

    /** The legal transitions, written out independently of the enum: from -> allowed targets. */
    private static final Map<ClassicGroupState, Set<ClassicGroupState>> LEGAL = Map.of(
            EMPTY, Set.of(PREPARING_REBALANCE, DEAD),
            PREPARING_REBALANCE, Set.of(COMPLETING_REBALANCE, EMPTY, DEAD),
            COMPLETING_REBALANCE, Set.of(STABLE, PREPARING_REBALANCE, DEAD),
            STABLE, Set.of(PREPARING_REBALANCE, DEAD),
            DEAD, Set.of(DEAD));

    @Test
    void everyPairIsLegalExactlyWhenTheTableSaysSo() {
        int checked = 0;
        for (ClassicGroupState from : ClassicGroupState.values()) {
            for (ClassicGroupState to : ClassicGroupState.values()) {
                assertEquals(LEGAL.get(from).contains(to), to.canTransitionFrom(from), from + " -> " + to);
                checked++;
            }
        }
        assertEquals(25, checked);
    }

    @Test
    void transitionToRejectsEveryIllegalTransition() {
        for (ClassicGroupState from : ClassicGroupState.values()) {
            ClassicGroup group = groupIn(from);
            for (ClassicGroupState to : ClassicGroupState.values()) {
                if (LEGAL.get(from).contains(to)) {
                    ClassicGroup moved = group.transitionTo(to, 99L);
                    assertEquals(to, moved.state());
                    assertEquals(99L, moved.currentStateTimestampMs());
                } else {
                    assertThrows(IllegalStateException.class, () -> group.transitionTo(to, 99L), from + " -> " + to);
                }
            }
        }
    }

    @Test
    void displayNamesAreKafkas() {
        assertEquals(List.of("Empty", "PreparingRebalance", "CompletingRebalance", "Stable", "Dead"),
                List.of(EMPTY.toString(), PREPARING_REBALANCE.toString(), COMPLETING_REBALANCE.toString(),
                        STABLE.toString(), DEAD.displayName()));
    }

    private static ClassicGroup groupIn(ClassicGroupState state) {
        return new ClassicGroup("g", state, 0L, "consumer", 1, null, null, List.of());
    }
}
