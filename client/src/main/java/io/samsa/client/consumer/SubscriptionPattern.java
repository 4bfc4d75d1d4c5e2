package io.samsa.client.consumer;

import java.util.Objects;

/**
 * A regular expression in RE2/J syntax that the group coordinator evaluates against the cluster's
 * topics ({@code group.protocol=consumer} only), as kafka-clients 4.x's {@code SubscriptionPattern}:
 * the consumer sends the expression itself as the heartbeat's SubscribedTopicRegex and never matches
 * it locally, so every member of a group sees the same topics at the same group epoch. Compare
 * {@link Consumer#subscribe(java.util.regex.Pattern)}, a Java pattern matched on the client.
 *
 * <p>Immutable.
 */
public final class SubscriptionPattern {
    private final String pattern;

    /** @param pattern the RE2/J expression, not null; the broker validates it (INVALID_REGULAR_EXPRESSION) */
    public SubscriptionPattern(String pattern) {
        this.pattern = Objects.requireNonNull(pattern, "pattern");
    }

    /** The expression as given. */
    public String pattern() {
        return pattern;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SubscriptionPattern other && pattern.equals(other.pattern);
    }

    @Override
    public int hashCode() {
        return pattern.hashCode();
    }

    @Override
    public String toString() {
        return pattern;
    }
}
