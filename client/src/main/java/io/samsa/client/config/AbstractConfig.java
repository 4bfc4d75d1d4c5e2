package io.samsa.client.config;

import io.samsa.client.errors.ConfigException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A parsed client configuration: the user's original values plus every declared key's typed value.
 * Unknown keys are logged once at construction (a warning, not an error). Subclasses check
 * cross-key rules (conflicts) in {@link #postProcess}, throwing {@link ConfigException} naming a key.
 *
 * <p>Immutable after construction; safe to share between threads.
 */
public abstract class AbstractConfig {
    private static final Logger LOG = LoggerFactory.getLogger(AbstractConfig.class);

    private final ConfigDef definition;
    private final Map<String, Object> originals;
    private final Map<String, Object> values;

    protected AbstractConfig(ConfigDef definition, Map<?, ?> originals) {
        this.definition = definition;
        this.originals = Collections.unmodifiableMap(toStringKeys(originals));
        Map<String, Object> parsed = new TreeMap<>(definition.parse(this.originals));
        postProcess(parsed);
        this.values = Collections.unmodifiableMap(parsed);
        logUnknown();
    }

    /** Turns {@link Properties} or any map with string keys into the raw map; other keys are an error. */
    protected static Map<String, Object> toStringKeys(Map<?, ?> raw) {
        Map<String, Object> result = new TreeMap<>();
        for (Map.Entry<?, ?> entry : raw.entrySet()) {
            if (!(entry.getKey() instanceof String)) {
                throw new ConfigException(String.valueOf(entry.getKey()), entry.getValue(), "Key must be a string.");
            }
            result.put((String) entry.getKey(), entry.getValue());
        }
        return result;
    }

    /** Properties to a plain map (keeping defaults of nested Properties out, as Kafka does). */
    protected static Map<String, Object> fromProperties(Properties properties) {
        Map<String, Object> map = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            map.put(name, properties.getProperty(name));
        }
        return map;
    }

    /**
     * A copy of {@code configs} naming the classes of (de)serializer instances handed to a client's
     * constructor, so the required class keys are satisfied; null instances change nothing.
     */
    protected static Map<String, Object> withInstanceClasses(Map<String, Object> configs, String keyConfig, Object keyInstance,
                                                             String valueConfig, Object valueInstance) {
        Map<String, Object> copy = new java.util.HashMap<>(configs);
        if (keyInstance != null) {
            copy.put(keyConfig, keyInstance.getClass());
        }
        if (valueInstance != null) {
            copy.put(valueConfig, valueInstance.getClass());
        }
        return copy;
    }

    /**
     * Checks cross-key rules and may adjust derived values (for example a default that depends on
     * another key). Runs once, during construction.
     *
     * @param parsed the typed values, mutable
     */
    protected void postProcess(Map<String, Object> parsed) {
    }

    /** Whether the user gave this key explicitly. */
    public boolean isExplicit(String name) {
        return originals.containsKey(name);
    }

    public Map<String, Object> originals() {
        return originals;
    }

    /** Every declared key's typed value. */
    public Map<String, Object> values() {
        return values;
    }

    public Object get(String name) {
        if (!values.containsKey(name)) {
            throw new ConfigException(String.format("Unknown configuration '%s'", name));
        }
        return values.get(name);
    }

    public String getString(String name) {
        return (String) get(name);
    }

    public Integer getInt(String name) {
        return (Integer) get(name);
    }

    public Short getShort(String name) {
        return (Short) get(name);
    }

    public Long getLong(String name) {
        return (Long) get(name);
    }

    public Double getDouble(String name) {
        return (Double) get(name);
    }

    public Boolean getBoolean(String name) {
        return (Boolean) get(name);
    }

    @SuppressWarnings("unchecked")
    public List<String> getList(String name) {
        return ((List<Object>) get(name)).stream().map(ConfigType::toText).collect(Collectors.toList());
    }

    public Class<?> getClass(String name) {
        return (Class<?>) get(name);
    }

    /** The keys the user gave that no definition knows. */
    public java.util.Set<String> unknownKeys() {
        java.util.Set<String> unknown = new TreeSet<>(originals.keySet());
        unknown.removeAll(definition.names());
        return unknown;
    }

    private void logUnknown() {
        java.util.Set<String> unknown = unknownKeys();
        if (!unknown.isEmpty()) {
            LOG.warn("These configurations '{}' were supplied but are not known to {}; they are ignored.", unknown,
                getClass().getSimpleName());
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + values;
    }
}
