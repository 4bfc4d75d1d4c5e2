package io.samsa.broker.topics;

import java.util.Optional;

/**
 * Kafka's rules for topic names: 1 to 249 characters from {@code [a-zA-Z0-9._-]}, and neither
 * {@code "."} nor {@code ".."}. 249 leaves room for a partition suffix and Kafka's
 * {@code -delete} marker in a 255-byte file name.
 *
 * <p>Stateless; thread-safe.
 */
public final class TopicNames {
    /** Longest legal topic name. */
    public static final int MAX_NAME_LENGTH = 249;
    /** The group coordinator's internal topic. */
    public static final String CONSUMER_OFFSETS = "__consumer_offsets";
    /** The transaction coordinator's internal topic. */
    public static final String TRANSACTION_STATE = "__transaction_state";

    private TopicNames() {
    }

    /**
     * @param name a proposed topic name (null allowed)
     * @return why the name is illegal, or empty when it is legal
     */
    public static Optional<String> invalidReason(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("Topic name is illegal, it can't be empty");
        }
        if (name.equals(".") || name.equals("..")) {
            return Optional.of("Topic name cannot be \".\" or \"..\"");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return Optional.of("Topic name is illegal, it can't be longer than " + MAX_NAME_LENGTH + " characters, topic name: " + name);
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isLegalChar(name.charAt(i))) {
                return Optional.of("Topic name \"" + name + "\" is illegal, it contains a character other than "
                        + "ASCII alphanumerics, '.', '_' and '-'");
            }
        }
        return Optional.empty();
    }

    /** @return whether {@code name} is a legal topic name */
    public static boolean isValid(String name) {
        return invalidReason(name).isEmpty();
    }

    /** @return whether {@code name} is one of Kafka's internal topics */
    public static boolean isInternal(String name) {
        return CONSUMER_OFFSETS.equals(name) || TRANSACTION_STATE.equals(name);
    }

    /**
     * Kafka maps '.' to '_' in metric names, so two topics differing only there would collide.
     *
     * @return whether {@code a} and {@code b} collide that way (and are not equal)
     */
    public static boolean collide(String a, String b) {
        return !a.equals(b) && a.replace('.', '_').equals(b.replace('.', '_'));
    }

    private static boolean isLegalChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '-';
    }
}
