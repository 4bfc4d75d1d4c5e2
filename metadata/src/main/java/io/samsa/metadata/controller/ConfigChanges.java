package io.samsa.metadata.controller;

import io.samsa.metadata.controller.api.ApiError;
import io.samsa.metadata.controller.api.ConfigChange;
import io.samsa.metadata.image.ConfigResource;
import io.samsa.metadata.image.MetadataImage;
import io.samsa.metadata.records.MetadataRecords;
import io.samsa.metadata.records.proto.ConfigResourceType;
import io.samsa.metadata.records.proto.MetadataRecord;
import io.samsa.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dynamic config changes (the controller's half of IncrementalAlterConfigs in cluster mode): one
 * ConfigRecord per key set or deleted. The broker that received the request validated the values;
 * the controller checks what only the committed image knows: a topic must exist
 * (UNKNOWN_TOPIC_OR_PARTITION), a broker resource names a registered broker or "" for the cluster
 * default (INVALID_REQUEST). Group resources are taken as they are. Stateless.
 */
final class ConfigChanges {
    private ConfigChanges() {
    }

    static ControllerResult<Map<ConfigResource, ApiError>> alterConfigs(MetadataImage image, List<ConfigChange> changes) {
        List<MetadataRecord> records = new ArrayList<>();
        Map<ConfigResource, ApiError> results = new LinkedHashMap<>();
        for (ConfigChange change : changes) {
            ConfigResource resource = change.resource();
            ApiError error = check(image, resource);
            results.put(resource, error);
            if (!error.isError()) {
                change.changes().forEach((key, value) -> records.add(MetadataRecords.config(resource.type(),
                        resource.name(), key, value.orElse(null))));
            }
        }
        return ControllerResult.of(records, results);
    }

    private static ApiError check(MetadataImage image, ConfigResource resource) {
        ConfigResourceType type = resource.type();
        if (type == ConfigResourceType.CONFIG_RESOURCE_TOPIC) {
            return image.topic(resource.name()) == null ? ApiError.of(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
                    "Topic " + resource.name() + " does not exist.") : ApiError.NONE;
        }
        if (type == ConfigResourceType.CONFIG_RESOURCE_BROKER) {
            if (resource.name().isEmpty()) {
                return ApiError.NONE;
            }
            try {
                return image.broker(Integer.parseInt(resource.name())) != null ? ApiError.NONE
                        : ApiError.of(ErrorCode.INVALID_REQUEST, "Broker " + resource.name() + " is not registered.");
            } catch (NumberFormatException e) {
                return ApiError.of(ErrorCode.INVALID_REQUEST, "Invalid broker id " + resource.name());
            }
        }
        if (type == ConfigResourceType.CONFIG_RESOURCE_GROUP) {
            return ApiError.NONE;
        }
        return ApiError.of(ErrorCode.INVALID_REQUEST, "Unsupported resource type " + type);
    }
}
