package io.samsa.client.admin;

import static io.samsa.client.config.ConfigType.INT;
import static io.samsa.client.config.ConfigType.LIST;
import static io.samsa.client.config.Validators.atLeast;
import static io.samsa.client.config.Validators.between;

import io.samsa.client.config.AbstractConfig;
import io.samsa.client.config.CommonClientConfigs;
import io.samsa.client.config.ConfigDef;
import io.samsa.client.errors.ConfigException;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin client's configuration, with Kafka's key names and defaults. As in Kafka,
 * {@code default.api.timeout.ms} must be at least {@code request.timeout.ms}: an explicit smaller
 * value is a {@link ConfigException}, a defaulted one is raised.
 *
 * <p>Immutable; safe to share between threads.
 */
public final class AdminClientConfig extends AbstractConfig {
    private static final Logger LOG = LoggerFactory.getLogger(AdminClientConfig.class);

    public static final String BOOTSTRAP_SERVERS_CONFIG = CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG;
    public static final String BOOTSTRAP_CONTROLLERS_CONFIG = "bootstrap.controllers";
    public static final String CLIENT_ID_CONFIG = CommonClientConfigs.CLIENT_ID_CONFIG;
    public static final String REQUEST_TIMEOUT_MS_CONFIG = CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG;
    public static final String DEFAULT_API_TIMEOUT_MS_CONFIG = CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG;
    public static final String RETRIES_CONFIG = CommonClientConfigs.RETRIES_CONFIG;

    private static final ConfigDef CONFIG = CommonClientConfigs.defineCommon(new ConfigDef(), 65_536, 300_000L)
        .define(BOOTSTRAP_CONTROLLERS_CONFIG, LIST, "", "Controllers to bootstrap from instead of brokers (not supported by Samsa yet).")
        .define(REQUEST_TIMEOUT_MS_CONFIG, INT, 30_000, atLeast(0), "Time to wait for a response (ms).")
        .define(DEFAULT_API_TIMEOUT_MS_CONFIG, INT, 60_000, atLeast(0), "Timeout of admin operations without an explicit timeout (ms).")
        .define(RETRIES_CONFIG, INT, Integer.MAX_VALUE, between(0, Integer.MAX_VALUE), "Times a failed request is retried.");

    public AdminClientConfig(Map<?, ?> props) {
        super(CONFIG, props);
    }

    public AdminClientConfig(Properties props) {
        super(CONFIG, fromProperties(props));
    }

    public static ConfigDef configDef() {
        return CONFIG;
    }

    @Override
    protected void postProcess(Map<String, Object> parsed) {
        int defaultApiTimeoutMs = (Integer) parsed.get(DEFAULT_API_TIMEOUT_MS_CONFIG);
        int requestTimeoutMs = (Integer) parsed.get(REQUEST_TIMEOUT_MS_CONFIG);
        if (defaultApiTimeoutMs >= requestTimeoutMs) {
            return;
        }
        if (isExplicit(DEFAULT_API_TIMEOUT_MS_CONFIG)) {
            throw new ConfigException(DEFAULT_API_TIMEOUT_MS_CONFIG, defaultApiTimeoutMs,
                "must be greater than or equal to " + REQUEST_TIMEOUT_MS_CONFIG + " (" + requestTimeoutMs + ")");
        }
        LOG.warn("Overriding the default value for {} ({}) with the explicitly configured request timeout {}",
            DEFAULT_API_TIMEOUT_MS_CONFIG, defaultApiTimeoutMs, requestTimeoutMs);
        parsed.put(DEFAULT_API_TIMEOUT_MS_CONFIG, requestTimeoutMs);
    }
}
