package io.samsa.client.consumer.internals.assignors;

import io.samsa.client.consumer.ConsumerPartitionAssignor;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The registry of built-in assignors: their protocol names, the class names that select them in
 * {@code partition.assignment.strategy} (ours and Kafka's, so a Kafka config works unchanged), and
 * factories.
 *
 * <p>Stateless; thread-safe.
 */
public final class Assignors {
    public static final String RANGE = "range";
    public static final String ROUND_ROBIN = "roundrobin";
    public static final String STICKY = "sticky";
    public static final String COOPERATIVE_STICKY = "cooperative-sticky";
    /** Every built-in name. */
    public static final List<String> NAMES = List.of(RANGE, ROUND_ROBIN, STICKY, COOPERATIVE_STICKY);

    private static final String KAFKA_PACKAGE = "org.apache.kafka.clients.consumer.";
    private static final Map<String, String> NAME_BY_CLASS = Map.of(
        KAFKA_PACKAGE + "RangeAssignor", RANGE,
        KAFKA_PACKAGE + "RoundRobinAssignor", ROUND_ROBIN,
        KAFKA_PACKAGE + "StickyAssignor", STICKY,
        KAFKA_PACKAGE + "CooperativeStickyAssignor", COOPERATIVE_STICKY,
        RangeAssignor.class.getName(), RANGE,
        RoundRobinAssignor.class.getName(), ROUND_ROBIN,
        StickyAssignor.class.getName(), STICKY,
        CooperativeStickyAssignor.class.getName(), COOPERATIVE_STICKY);
    private static final Map<String, Supplier<ConsumerPartitionAssignor>> FACTORIES = Map.of(
        RANGE, RangeAssignor::new,
        ROUND_ROBIN, RoundRobinAssignor::new,
        STICKY, StickyAssignor::new,
        COOPERATIVE_STICKY, CooperativeStickyAssignor::new);

    private Assignors() {
    }

    /** Our name for a configured entry (a name or a class name), or null when unknown. */
    public static String canonicalName(String configured) {
        String trimmed = configured.trim();
        if (FACTORIES.containsKey(trimmed)) {
            return trimmed;
        }
        return NAME_BY_CLASS.get(trimmed);
    }

    /** A new assignor for a canonical name. */
    public static ConsumerPartitionAssignor create(String name) {
        Supplier<ConsumerPartitionAssignor> factory = FACTORIES.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("Unknown assignor " + name + "; known: " + NAMES);
        }
        return factory.get();
    }
}
