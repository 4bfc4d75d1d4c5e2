package io.samsa.broker.group.configs;

import io.samsa.broker.config.BrokerConfig;
import io.samsa.broker.metadata.ConfigAlteration;
import io.samsa.broker.metadata.ConfigAlteration.Operation;
import io.samsa.broker.metadata.ConfigAlteration.Outcome;
import io.samsa.broker.metadata.ConfigSource;
import io.samsa.broker.metadata.ConfigValue;
import io.samsa.coordinator.group.GroupConfigLookup;
import io.samsa.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-group config overrides: described with their defaults (DescribeConfigs on GROUP resources),
 * changed by IncrementalAlterConfigs operations after Kafka's validation, persisted through a
 * {@link GroupConfigStore} before a change is visible, and read by the coordinator
 * ({@link GroupConfigLookup}). A group need not exist to have configs, as in Kafka.
 *
 * <p>Thread-safe: reads see an immutable snapshot per group; changes are serialised.
 */
public final class GroupConfigManager implements GroupConfigLookup {
    private final BrokerConfig broker;
    private final GroupConfigStore store;
    private final GroupConfigValidator validator;
    private final Map<String, Map<String, String>> overrides = new ConcurrentHashMap<>();

    /** Loads what {@code store} saved; throws (the broker must not start) when it cannot. */
    public GroupConfigManager(BrokerConfig broker, GroupConfigStore store) {
        this.broker = broker;
        this.store = store;
        this.validator = new GroupConfigValidator(broker);
        store.load().forEach((groupId, configs) -> overrides.put(groupId, Map.copyOf(configs)));
    }

    @Override
    public Map<String, String> overrides(String groupId) {
        return overrides.getOrDefault(groupId, Map.of());
    }

    /**
     * @return every group config of {@code groupId}, sorted by name: the override (source
     *         DYNAMIC_GROUP_CONFIG) or the broker default (DEFAULT_CONFIG), each its own only synonym,
     *         as Kafka 4.1 reports them
     */
    public List<ConfigValue> describe(String groupId) {
        Map<String, String> set = overrides(groupId);
        Map<String, ConfigValue> byName = new TreeMap<>();
        for (GroupConfigKey key : GroupConfigKey.values()) {
            String override = set.get(key.configName());
            byName.put(key.configName(), override != null
                    ? new ConfigValue(key.configName(), override, ConfigSource.DYNAMIC_GROUP_CONFIG, false, key.type())
                    : new ConfigValue(key.configName(), key.defaultValue(broker), ConfigSource.DEFAULT_CONFIG, false, key.type()));
        }
        return new ArrayList<>(byName.values());
    }

    /**
     * Applies {@code operations} to the group's overrides, validates the result as a whole and, unless
     * {@code validateOnly}, stores and publishes it.
     */
    public synchronized Outcome alter(String groupId, List<Operation> operations, boolean validateOnly) {
        if (groupId.isEmpty()) {
            return new Outcome(ErrorCode.INVALID_REQUEST, "Group name must not be empty");
        }
        ConfigAlteration.Result altered = ConfigAlteration.apply(overrides(groupId), operations, name -> Optional.empty());
        if (!altered.outcome().ok()) {
            return altered.outcome();
        }
        Map<String, String> next = altered.overrides();
        Optional<String> invalid = validator.validate(next);
        if (invalid.isPresent()) {
            return new Outcome(ErrorCode.INVALID_CONFIG, invalid.get());
        }
        if (!validateOnly) {
            Map<String, Map<String, String>> all = new TreeMap<>(overrides);
            if (next.isEmpty()) {
                all.remove(groupId);
            } else {
                all.put(groupId, Map.copyOf(next));
            }
            store.save(all);
            if (next.isEmpty()) {
                overrides.remove(groupId);
            } else {
                overrides.put(groupId, Map.copyOf(next));
            }
        }
        return Outcome.OK;
    }
}
