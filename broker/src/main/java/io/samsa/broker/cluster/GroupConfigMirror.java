package io.samsa.broker.cluster;

import io.samsa.broker.group.configs.GroupConfigManager;
import io.samsa.metadata.image.ConfigResource;
import io.samsa.metadata.image.MetadataDelta;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.metadata.records.proto.ConfigResourceType;
import java.util.HashSet;
import java.util.Set;

/**
 * Cluster mode: keeps the group configs every coordinator on this broker reads
 * ({@link GroupConfigManager}) a mirror of the metadata image's group config records, so a group
 * config set through any broker applies wherever the group's coordinator runs. Called on the
 * metadata applying thread only.
 */
final class GroupConfigMirror {
    private final GroupConfigManager groupConfigs;

    GroupConfigMirror(GroupConfigManager groupConfigs) {
        this.groupConfigs = groupConfigs;
    }

    /** Applies the group configs {@code delta} changed, as {@code image} now holds them. */
    void applyChanges(MetadataDelta delta, MetadataImage image) {
        for (ConfigResource resource : delta.changedConfigs().keySet()) {
            if (resource.type() == ConfigResourceType.CONFIG_RESOURCE_GROUP) {
                groupConfigs.applyMirrored(resource.name(), image.configs(resource));
            }
        }
    }

    /** Once caught up: only the image's group configs remain (a local store's are from before cluster mode). */
    void reconcile(MetadataImage image) {
        Set<String> groups = new HashSet<>();
        image.configs().forEach((resource, configs) -> {
            if (resource.type() == ConfigResourceType.CONFIG_RESOURCE_GROUP) {
                groups.add(resource.name());
                groupConfigs.applyMirrored(resource.name(), configs);
            }
        });
        groupConfigs.retainMirrored(groups);
    }
}
