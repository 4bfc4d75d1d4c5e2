package io.samsa.generator;

import io.samsa.generator.FieldType.Kind;

/**
 * The Java expressions a field's value needs: its default, "differs from the default", equality,
 * hash and text. Stateless.
 */
final class FieldValues {
    private FieldValues() {
    }

    /** The expression a field starts with and is reset to when absent from a version. */
    static String defaultValue(FieldSpec field) {
        FieldType type = field.type();
        String literal = field.defaultValue();
        if (field.defaultsToNull()) {
            return "null";
        }
        switch (type.kind()) {
            case BOOL:
                return literal == null ? "false" : checkBoolean(field, literal);
            case INT8:
                return "(byte) " + integer(field, literal, Byte.MIN_VALUE, Byte.MAX_VALUE);
            case INT16:
                return "(short) " + integer(field, literal, Short.MIN_VALUE, Short.MAX_VALUE);
            case UINT16:
                return integer(field, literal, 0, 0xFFFF);
            case INT32:
                return integer(field, literal, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case UINT32:
                return integer(field, literal, 0, 0xFFFFFFFFL) + "L";
            case INT64:
                return integer(field, literal, Long.MIN_VALUE, Long.MAX_VALUE) + "L";
            case FLOAT64:
                return literal == null ? "0.0" : Double.toString(Double.parseDouble(literal));
            case UUID:
                requireNoDefault(field, literal);
                return "Uuid.ZERO";
            case STRING:
                return literal == null ? "\"\"" : javaString(unquote(literal));
            case BYTES:
                requireNoDefault(field, literal);
                return "WireFormat.EMPTY_BYTES";
            case RECORDS:
                requireNoDefault(field, literal);
                // as in Kafka, nullable records start out null (sent as -1), not empty
                return field.nullableVersions().isEmpty() ? "MemoryRecords.EMPTY" : "null";
            case STRUCT:
                requireNoDefault(field, literal);
                return "new " + type.structName() + "()";
            case ARRAY:
                requireNoDefault(field, literal);
                return "new ArrayList<" + type.element().boxedJavaType() + ">(0)";
            default:
                throw new IllegalStateException(type.toString());
        }
    }

    /** A boolean expression: true when the field's current value is not its default. */
    static String differsFromDefault(FieldSpec field) {
        String value = "this." + field.name();
        String def = defaultValue(field);
        if (def.equals("null")) {
            return value + " != null";
        }
        switch (field.type().kind()) {
            case BOOL:
                return def.equals("true") ? "!" + value : value;
            case INT8, INT16, UINT16, INT32, UINT32, INT64, FLOAT64:
                return value + " != " + def;
            case UUID:
                return "!Uuid.ZERO.equals(" + value + ")";
            case STRING:
                return "!" + def + ".equals(" + value + ")";
            case BYTES:
                return "(" + value + " == null || " + value + ".length != 0)";
            case RECORDS:
                return "(" + value + " == null || " + value + ".sizeInBytes() != 0)";
            case ARRAY:
                return "(" + value + " == null || !" + value + ".isEmpty())";
            case STRUCT:
                return "!" + def + ".equals(" + value + ")";
            default:
                throw new IllegalStateException(field.type().toString());
        }
    }

    /** A boolean expression: this field differs between {@code this} and {@code other}. */
    static String notEqual(FieldSpec field, String other) {
        String a = "this." + field.name();
        String b = other + "." + field.name();
        return switch (field.type().kind()) {
            case BOOL, INT8, INT16, UINT16, INT32, UINT32, INT64 -> a + " != " + b;
            case FLOAT64 -> "Double.compare(" + a + ", " + b + ") != 0";
            case BYTES -> "!Arrays.equals(" + a + ", " + b + ")";
            case RECORDS -> "!WireFormat.recordsEqual(" + a + ", " + b + ")";
            default -> "!Objects.equals(" + a + ", " + b + ")";
        };
    }

    static String hash(FieldSpec field) {
        String a = "this." + field.name();
        return switch (field.type().kind()) {
            case BOOL -> "Boolean.hashCode(" + a + ")";
            case INT8, INT16, UINT16, INT32 -> a;
            case UINT32, INT64 -> "Long.hashCode(" + a + ")";
            case FLOAT64 -> "Double.hashCode(" + a + ")";
            case BYTES -> "Arrays.hashCode(" + a + ")";
            case RECORDS -> "WireFormat.recordsHashCode(" + a + ")";
            default -> "Objects.hashCode(" + a + ")";
        };
    }

    static String text(FieldSpec field) {
        String a = "this." + field.name();
        return switch (field.type().kind()) {
            case STRING -> "(" + a + " == null ? \"null\" : \"'\" + " + a + " + \"'\")";
            case BYTES -> "Arrays.toString(" + a + ")";
            default -> "String.valueOf(" + a + ")";
        };
    }

    private static String checkBoolean(FieldSpec field, String literal) {
        if (!literal.equals("true") && !literal.equals("false")) {
            throw new IllegalArgumentException(field.name() + ": bad bool default " + literal);
        }
        return literal;
    }

    private static String integer(FieldSpec field, String literal, long min, long max) {
        if (literal == null) {
            return "0";
        }
        long value;
        try {
            value = literal.startsWith("0x") ? Long.parseLong(literal.substring(2), 16) : Long.parseLong(literal);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field.name() + ": bad integer default " + literal, e);
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(field.name() + ": default " + literal + " out of range");
        }
        // Long.MIN_VALUE and Integer.MIN_VALUE print as literals javac accepts
        return Long.toString(value);
    }

    private static void requireNoDefault(FieldSpec field, String literal) {
        if (literal != null) {
            throw new IllegalArgumentException(field.name() + ": " + field.type()
                    + " fields only take default=null (or none)");
        }
    }

    private static String unquote(String literal) {
        if (literal.length() >= 2 && literal.startsWith("\"") && literal.endsWith("\"")) {
            return literal.substring(1, literal.length() - 1);
        }
        return literal;
    }

    static String javaString(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }

    static boolean isPrimitive(FieldType type) {
        return type.kind() != Kind.ARRAY && type.kind() != Kind.STRUCT && type.isFixedSize() && type.kind() != Kind.UUID;
    }
}
