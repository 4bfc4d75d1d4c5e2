package io.samsa.generator;

/**
 * The type of a schema field: a primitive, {@code string}, {@code bytes}, {@code records}, a named
 * struct, or an array ({@code []T}) of one of those. Immutable.
 */
record FieldType(Kind kind, String structName, FieldType element) {

    enum Kind {
        BOOL("boolean", "Boolean", 1), INT8("byte", "Byte", 1), INT16("short", "Short", 2),
        UINT16("int", "Integer", 2), INT32("int", "Integer", 4), UINT32("long", "Long", 4),
        INT64("long", "Long", 8), FLOAT64("double", "Double", 8), UUID("Uuid", "Uuid", 16),
        STRING("String", "String", -1), BYTES("byte[]", "byte[]", -1), RECORDS("Records", "Records", -1),
        STRUCT(null, null, -1), ARRAY(null, null, -1);

        final String javaType;
        final String boxedType;
        /** Encoded size in bytes, or -1 when variable. */
        final int fixedSize;

        Kind(String javaType, String boxedType, int fixedSize) {
            this.javaType = javaType;
            this.boxedType = boxedType;
            this.fixedSize = fixedSize;
        }
    }

    static FieldType parse(String text) {
        if (text.startsWith("[]")) {
            FieldType element = parse(text.substring(2));
            if (element.kind == Kind.ARRAY || element.kind == Kind.RECORDS) {
                throw new IllegalArgumentException("arrays of " + element.kind + " are not supported");
            }
            return new FieldType(Kind.ARRAY, null, element);
        }
        switch (text) {
            case "bool": return of(Kind.BOOL);
            case "int8": return of(Kind.INT8);
            case "int16": return of(Kind.INT16);
            case "uint16": return of(Kind.UINT16);
            case "int32": return of(Kind.INT32);
            case "uint32": return of(Kind.UINT32);
            case "int64": return of(Kind.INT64);
            case "float64": return of(Kind.FLOAT64);
            case "uuid": return of(Kind.UUID);
            case "string": return of(Kind.STRING);
            case "bytes": return of(Kind.BYTES);
            case "records": return of(Kind.RECORDS);
            default:
                if (!Character.isUpperCase(text.charAt(0)) || !text.chars().allMatch(Character::isLetterOrDigit)) {
                    throw new IllegalArgumentException("unknown type '" + text + "' (struct names are UpperCamel)");
                }
                return new FieldType(Kind.STRUCT, text, null);
        }
    }

    private static FieldType of(Kind kind) {
        return new FieldType(kind, null, null);
    }

    boolean isArray() {
        return kind == Kind.ARRAY;
    }

    boolean isStruct() {
        return kind == Kind.STRUCT;
    }

    /** Primitives: fixed-size values held in Java primitives (or Uuid). */
    boolean isFixedSize() {
        return kind.fixedSize > 0;
    }

    /** Types that may be null on the wire in nullable versions. */
    boolean canBeNullable() {
        return kind == Kind.STRING || kind == Kind.BYTES || kind == Kind.RECORDS || kind == Kind.ARRAY
                || kind == Kind.STRUCT;
    }

    /** The Java type of a field of this type. */
    String javaType() {
        if (kind == Kind.ARRAY) {
            return "List<" + element.boxedJavaType() + ">";
        }
        return kind == Kind.STRUCT ? structName : kind.javaType;
    }

    String boxedJavaType() {
        return kind == Kind.STRUCT ? structName : kind.boxedType;
    }

    @Override
    public String toString() {
        if (kind == Kind.ARRAY) {
            return "[]" + element;
        }
        return kind == Kind.STRUCT ? structName : kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
