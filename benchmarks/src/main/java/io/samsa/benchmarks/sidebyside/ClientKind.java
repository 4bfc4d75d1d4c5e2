package io.samsa.benchmarks.sidebyside;

import java.util.Locale;

/**
 * Which client library a client benchmark run uses: Samsa's own ({@code io.samsa.client}) or
 * Apache Kafka's kafka-clients 4.1, the one it is compared against.
 *
 * <p>Immutable.
 */
enum ClientKind {
    SAMSA("Samsa client"),
    KAFKA("kafka-clients");

    private final String label;

    ClientKind(String label) {
        this.label = label;
    }

    /** The name shown in tables and progress lines. */
    String label() {
        return label;
    }

    /** The command-line spelling ({@code samsa}, {@code kafka}) used between the harness and its child JVMs. */
    String argument() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ClientKind fromArgument(String argument) {
        return valueOf(argument.toUpperCase(Locale.ROOT));
    }
}
