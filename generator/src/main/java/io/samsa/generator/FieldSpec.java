package io.samsa.generator;

/**
 * One field of a struct as the schema declares it. {@code tag} is -1 for untagged fields;
 * {@code defaultValue} is the literal text from the schema, or null when the type's natural default
 * applies (0, false, "", empty, zero uuid). Immutable.
 */
record FieldSpec(String name, FieldType type, Versions versions, Versions nullableVersions, int tag,
                 Versions taggedVersions, String defaultValue, boolean ignorable) {

    boolean isTagged() {
        return tag >= 0;
    }

    /** The versions in which the field is a regular (positional) field. */
    boolean positionalIn(int version) {
        return versions.contains(version) && !taggedVersions.contains(version);
    }

    /** The name with an upper-case first letter, for setter names. */
    String capitalized() {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /** True when the default is null (only legal where the field is nullable in some version). */
    boolean defaultsToNull() {
        return "null".equals(defaultValue);
    }
}
