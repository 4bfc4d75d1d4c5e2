package io.samsa.client.config;

/**
 * One declared config: its key, type, default, validator and doc, in one place. Immutable.
 *
 * @param name         the key, exactly as Kafka spells it
 * @param type         how raw values are parsed
 * @param defaultValue the parsed default, or {@link ConfigDef#NO_DEFAULT} when the key is required
 * @param validator    checks parsed values (and the default); null for none
 * @param doc          what the setting does, with units
 */
public record ConfigKey(String name, ConfigType type, Object defaultValue, Validator validator, String doc) {

    /** Whether the user must give a value. */
    public boolean required() {
        return defaultValue == ConfigDef.NO_DEFAULT;
    }
}
