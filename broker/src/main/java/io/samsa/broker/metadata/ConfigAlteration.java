package io.samsa.broker.metadata;

import io.samsa.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * IncrementalAlterConfigs operations applied to one resource's overrides, with Kafka's answers for
 * the requests it refuses before any value is validated: a key named twice (INVALID_REQUEST "Error
 * due to duplicate config keys"), SET without a value (INVALID_REQUEST "Null value not supported for
 * : key"), APPEND/SUBTRACT on a key that is not a list (INVALID_CONFIG "Config value append is not
 * allowed for config key: key"), an unknown operation code (INVALID_REQUEST). Validating the values
 * is the resource's business.
 *
 * <p>Stateless; thread-safe.
 */
public final class ConfigAlteration {
    /** Kafka's AlterConfigOp.OpType ids. */
    public static final byte SET = 0;
    public static final byte DELETE = 1;
    public static final byte APPEND = 2;
    public static final byte SUBTRACT = 3;

    private ConfigAlteration() {
    }

    /** One operation: set, delete, append to or subtract from config {@code name}. */
    public record Operation(String name, byte opCode, String value) {
    }

    /** An answer for one resource: NONE, or an error with Kafka's message. */
    public record Outcome(ErrorCode error, String message) {
        public static final Outcome OK = new Outcome(ErrorCode.NONE, null);

        public boolean ok() {
            return error == ErrorCode.NONE;
        }
    }

    /** The overrides after the operations, or why they were refused. */
    public record Result(Map<String, String> overrides, Outcome outcome) {
    }

    /**
     * @param current     the resource's overrides now
     * @param listDefault for a LIST-typed key, its default value (used when it has no override); empty for
     *                    every other key, which APPEND/SUBTRACT then refuse
     * @return the overrides the operations lead to, or the refusal
     */
    public static Result apply(Map<String, String> current, List<Operation> operations,
                               Function<String, Optional<String>> listDefault) {
        Map<String, String> next = new TreeMap<>(current);
        Set<String> seen = new HashSet<>();
        for (Operation operation : operations) {
            if (!seen.add(operation.name())) {
                return refused(ErrorCode.INVALID_REQUEST, "Error due to duplicate config keys");
            }
            switch (operation.opCode()) {
                case SET -> {
                    if (operation.value() == null) {
                        return refused(ErrorCode.INVALID_REQUEST, "Null value not supported for : " + operation.name());
                    }
                    next.put(operation.name(), operation.value());
                }
                case DELETE -> next.remove(operation.name());
                case APPEND, SUBTRACT -> {
                    String verb = operation.opCode() == APPEND ? "append" : "subtract";
                    Optional<String> defaultList = listDefault.apply(operation.name());
                    if (defaultList.isEmpty()) {
                        return refused(ErrorCode.INVALID_CONFIG, "Config value " + verb + " is not allowed for config key: "
                                + operation.name());
                    }
                    next.put(operation.name(), combine(next.getOrDefault(operation.name(), defaultList.get()), operation));
                }
                default -> {
                    return refused(ErrorCode.INVALID_REQUEST, "Unknown alter config operation " + operation.opCode());
                }
            }
        }
        return new Result(next, Outcome.OK);
    }

    private static String combine(String list, Operation operation) {
        Set<String> items = new LinkedHashSet<>(split(list));
        List<String> changes = split(operation.value() == null ? "" : operation.value());
        if (operation.opCode() == APPEND) {
            items.addAll(changes);
        } else {
            changes.forEach(items::remove);
        }
        return String.join(",", items);
    }

    private static List<String> split(String list) {
        List<String> items = new ArrayList<>();
        for (String item : Arrays.asList(list.split(","))) {
            if (!item.trim().isEmpty()) {
                items.add(item.trim());
            }
        }
        return items;
    }

    private static Result refused(ErrorCode error, String message) {
        return new Result(Map.of(), new Outcome(error, message));
    }
}
