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

    /**
     * Our name for a configured entry: a built-in name, the class name of a built-in (ours or
     * Kafka's), or the class name of a custom {@link ConsumerPartitionAssignor} (kept as is). Null
     * when it is none of these.
     */
    public static String canonicalName(String configured) {
        String trimmed = configured.trim();
        if (FACTORIES.containsKey(trimmed)) {
            return trimmed;
        }
        String builtIn = NAME_BY_CLASS.get(trimmed);
        if (builtIn != null) {
            return builtIn;
        }
        return customAssignorClass(trimmed) == null ? null : trimmed;
    }

    /**
     * A new assignor for a canonical name (see {@link #canonicalName}); a custom class needs a
     * public no-argument constructor.
     */
    public static ConsumerPartitionAssignor create(String name) {
        Supplier<ConsumerPartitionAssignor> factory = FACTORIES.get(name);
        if (factory != null) {
            return factory.get();
        }
        Class<? extends ConsumerPartitionAssignor> custom = customAssignorClass(name);
        if (custom == null) {
            throw new IllegalArgumentException("Unknown assignor " + name + "; known: " + NAMES);
        }
        try {
            return custom.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("Cannot instantiate assignor " + name, e);
        }
    }

    private static Class<? extends ConsumerPartitionAssignor> customAssignorClass(String className) {
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            Class<?> type = Class.forName(className, false, loader == null ? Assignors.class.getClassLoader() : loader);
            return ConsumerPartitionAssignor.class.isAssignableFrom(type) ? type.asSubclass(ConsumerPartitionAssignor.class) : null;
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
