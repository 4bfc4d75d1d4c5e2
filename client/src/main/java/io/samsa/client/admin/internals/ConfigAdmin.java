package io.samsa.client.admin.internals;

import io.samsa.client.admin.ConfigEntry;
import io.samsa.client.errors.Errors;
import io.samsa.client.internals.network.ClientRequest;
import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.DescribeConfigsRequest;
import io.samsa.protocol.message.DescribeConfigsResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * DescribeConfigs for topics (resource type 2), answered by any broker.
 *
 * <p>Thread-safe: stateless apart from the shared {@link AdminContext}.
 */
public final class ConfigAdmin {
    static final byte TOPIC_RESOURCE = 2;

    private final AdminContext context;

    public ConfigAdmin(AdminContext context) {
        this.context = context;
    }

    /** @return topic to its configs by name, in the broker's order */
    public Map<String, CompletableFuture<Map<String, ConfigEntry>>> describeTopicConfigs(List<String> topics) {
        return KeyedRetry.run(context, "describeConfigs", topics, open -> {
            List<DescribeConfigsRequest.DescribeConfigsResource> resources = new ArrayList<>();
            for (String topic : open) {
                resources.add(new DescribeConfigsRequest.DescribeConfigsResource().setResourceType(TOPIC_RESOURCE)
                    .setResourceName(topic).setConfigurationKeys(null));
            }
            DescribeConfigsRequest body = new DescribeConfigsRequest().setResources(resources);
            return context.network().send(context.metadata().leastLoadedNode(context.nowMs()), ClientRequest.of(body),
                DescribeConfigsResponse.class).thenApply(ConfigAdmin::outcomes);
        });
    }

    private static Map<String, Outcome<Map<String, ConfigEntry>>> outcomes(DescribeConfigsResponse response) {
        Map<String, Outcome<Map<String, ConfigEntry>>> outcomes = new HashMap<>();
        for (DescribeConfigsResponse.DescribeConfigsResult result : response.results()) {
            ErrorCode error = ErrorCode.forCode(result.errorCode());
            if (error != ErrorCode.NONE) {
                outcomes.put(result.resourceName(), Outcome.of(Errors.toException(error, result.errorMessage())));
                continue;
            }
            Map<String, ConfigEntry> entries = new LinkedHashMap<>();
            for (DescribeConfigsResponse.DescribeConfigsResourceResult c : result.configs()) {
                entries.put(c.name(), new ConfigEntry(c.name(), c.value(), ConfigEntry.Source.forId(c.configSource()),
                    c.readOnly(), c.isSensitive()));
            }
            outcomes.put(result.resourceName(), Outcome.ok(entries));
        }
        return outcomes;
    }
}
