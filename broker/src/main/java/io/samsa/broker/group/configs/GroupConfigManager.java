package io.samsa.broker.group.configs;

import io.samsa.broker.config.BrokerConfig;
import io.samsa.broker.metadata.ConfigAlteration.Operation;
import io.samsa.broker.metadata.ConfigAlteration.Outcome;
import io.samsa.broker.metadata.ConfigAlteration;
import io.samsa.broker.metadata.ConfigSource;
import io.samsa.broker.metadata.ConfigValue;
import io.samsa.broker.metadata.OverridesChange;
import io.samsa.coordinator.group.GroupConfigLookup;
import io.samsa.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
        OverridesChange change = change(groupId, operations);
        if (change.outcome().ok() && !validateOnly) {
            Map<String, Map<String, String>> all = new TreeMap<>(overrides);
            if (change.after().isEmpty()) {
                all.remove(groupId);
            } else {
                all.put(groupId, change.after());
            }
            store.save(all);
            publish(groupId, change.after());
        }
        return change.outcome();
    }

    /**
     * @return the group's overrides before and after {@code operations}, validated as a whole
     *         (INVALID_CONFIG with Kafka's message), or the refusal; nothing is stored
     */
    public OverridesChange change(String groupId, List<Operation> operations) {
        if (groupId.isEmpty()) {
            return OverridesChange.refused(new Outcome(ErrorCode.INVALID_REQUEST, "Group name must not be empty"));
        }
        Map<String, String> before = overrides(groupId);
        ConfigAlteration.Result altered = ConfigAlteration.apply(before, operations, name -> Optional.empty());
        if (!altered.outcome().ok()) {
            return OverridesChange.refused(altered.outcome());
        }
        Optional<String> invalid = validator.validate(altered.overrides());
        if (invalid.isPresent()) {
            return OverridesChange.refused(new Outcome(ErrorCode.INVALID_CONFIG, invalid.get()));
        }
        return new OverridesChange(Outcome.OK, before, altered.overrides());
    }

    /**
     * Cluster mode: the group's overrides as the metadata image holds them (the image is the truth;
     * the local store is not written).
     */
    public synchronized void applyMirrored(String groupId, Map<String, String> configs) {
        publish(groupId, configs);
    }

    /** Cluster mode, once caught up: drops the overrides of every group the image has none for. */
    public synchronized void retainMirrored(Set<String> groupIds) {
        overrides.keySet().retainAll(groupIds);
    }

    private void publish(String groupId, Map<String, String> configs) {
        if (configs.isEmpty()) {
            overrides.remove(groupId);
        } else {
            overrides.put(groupId, Map.copyOf(configs));
        }
    }
}
