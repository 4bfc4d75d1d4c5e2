package io.samsa.client.config;

import static io.samsa.client.config.ConfigType.INT;
import static io.samsa.client.config.ConfigType.LIST;
import static io.samsa.client.config.ConfigType.LONG;
import static io.samsa.client.config.ConfigType.STRING;
import static io.samsa.client.config.Validators.atLeast;

import io.samsa.client.errors.ConfigException;
import java.util.ArrayList;
import java.util.List;

/**
 * The configs every Samsa client shares (connection, metadata, retry and socket settings), with
 * Kafka's key names. Each client's config class calls {@link #defineCommon} with the defaults that
 * differ between producer, consumer and admin client in Kafka.
 *
 * <p>Stateless; thread-safe.
 */
public final class CommonClientConfigs {
    public static final String BOOTSTRAP_SERVERS_CONFIG = "bootstrap.servers";
    public static final String CLIENT_ID_CONFIG = "client.id";
    public static final String CLIENT_DNS_LOOKUP_CONFIG = "client.dns.lookup";
    public static final String CLIENT_RACK_CONFIG = "client.rack";
    public static final String METADATA_MAX_AGE_CONFIG = "metadata.max.age.ms";
    public static final String SEND_BUFFER_CONFIG = "send.buffer.bytes";
    public static final String RECEIVE_BUFFER_CONFIG = "receive.buffer.bytes";
    public static final String RECONNECT_BACKOFF_MS_CONFIG = "reconnect.backoff.ms";
    public static final String RECONNECT_BACKOFF_MAX_MS_CONFIG = "reconnect.backoff.max.ms";
    public static final String RETRIES_CONFIG = "retries";
    public static final String RETRY_BACKOFF_MS_CONFIG = "retry.backoff.ms";
    public static final String RETRY_BACKOFF_MAX_MS_CONFIG = "retry.backoff.max.ms";
    public static final String REQUEST_TIMEOUT_MS_CONFIG = "request.timeout.ms";
    public static final String DEFAULT_API_TIMEOUT_MS_CONFIG = "default.api.timeout.ms";
    public static final String CONNECTIONS_MAX_IDLE_MS_CONFIG = "connections.max.idle.ms";
    public static final String SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG = "socket.connection.setup.timeout.ms";
    public static final String SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG = "socket.connection.setup.timeout.max.ms";
    public static final String SECURITY_PROTOCOL_CONFIG = "security.protocol";
    public static final String METRICS_NUM_SAMPLES_CONFIG = "metrics.num.samples";
    public static final String METRICS_SAMPLE_WINDOW_MS_CONFIG = "metrics.sample.window.ms";
    public static final String METRICS_RECORDING_LEVEL_CONFIG = "metrics.recording.level";
    public static final String GROUP_ID_CONFIG = "group.id";
    public static final String GROUP_INSTANCE_ID_CONFIG = "group.instance.id";
    public static final String SESSION_TIMEOUT_MS_CONFIG = "session.timeout.ms";
    public static final String HEARTBEAT_INTERVAL_MS_CONFIG = "heartbeat.interval.ms";
    public static final String MAX_POLL_INTERVAL_MS_CONFIG = "max.poll.interval.ms";

    private CommonClientConfigs() {
    }

    /**
     * Adds the shared keys to {@code def}.
     *
     * @param receiveBufferBytes    default of {@code receive.buffer.bytes} (producer 32768, others 65536)
     * @param connectionsMaxIdleMs  default of {@code connections.max.idle.ms} (admin 300000, others 540000)
     */
    public static ConfigDef defineCommon(ConfigDef def, int receiveBufferBytes, long connectionsMaxIdleMs) {
        return def
            .define(BOOTSTRAP_SERVERS_CONFIG, LIST, "", Validators.nonEmptyListEntries(),
                "host:port pairs of brokers used to discover the cluster; the client then talks to every broker it needs.")
            .define(CLIENT_ID_CONFIG, STRING, "", "A name for this client, sent in every request (for broker logs and quotas).")
            .define(CLIENT_DNS_LOOKUP_CONFIG, STRING, "use_all_dns_ips",
                Validators.in("use_all_dns_ips", "resolve_canonical_bootstrap_servers_only"),
                "How bootstrap host names are resolved: every IP a name resolves to is tried in turn.")
            .define(METADATA_MAX_AGE_CONFIG, LONG, 300_000L, atLeast(0), "Metadata is refreshed at least this often (ms).")
            .define(SEND_BUFFER_CONFIG, INT, 131_072, atLeast(-1), "TCP send buffer (SO_SNDBUF) in bytes; -1 for the OS default.")
            .define(RECEIVE_BUFFER_CONFIG, INT, receiveBufferBytes, atLeast(-1), "TCP receive buffer (SO_RCVBUF) in bytes; -1 for the OS default.")
            .define(RECONNECT_BACKOFF_MS_CONFIG, LONG, 50L, atLeast(0), "Base wait before reconnecting to a broker (ms).")
            .define(RECONNECT_BACKOFF_MAX_MS_CONFIG, LONG, 1000L, atLeast(0), "Cap of the exponential reconnect backoff (ms).")
            .define(RETRY_BACKOFF_MS_CONFIG, LONG, 100L, atLeast(0), "Base wait before retrying a failed request (ms).")
            .define(RETRY_BACKOFF_MAX_MS_CONFIG, LONG, 1000L, atLeast(0), "Cap of the exponential retry backoff (ms).")
            .define(CONNECTIONS_MAX_IDLE_MS_CONFIG, LONG, connectionsMaxIdleMs, "Idle connections are closed after this long (ms).")
            .define(SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, LONG, 10_000L, "Base timeout for establishing a connection (ms).")
            .define(SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, LONG, 30_000L, "Cap of the exponential connection setup timeout (ms).")
            .define(SECURITY_PROTOCOL_CONFIG, STRING, "PLAINTEXT", Validators.inIgnoringCase("PLAINTEXT"),
                "Protocol used to talk to brokers. Samsa's client supports only PLAINTEXT so far; anything else is rejected rather than silently ignored.")
            .define(METRICS_NUM_SAMPLES_CONFIG, INT, 2, atLeast(1), "Number of samples kept to compute metrics.")
            .define(METRICS_SAMPLE_WINDOW_MS_CONFIG, LONG, 30_000L, atLeast(0), "Window of one metrics sample (ms).")
            .define(METRICS_RECORDING_LEVEL_CONFIG, STRING, "INFO", Validators.in("INFO", "DEBUG", "TRACE"), "Highest recording level of metrics.");
    }

    /**
     * Parses {@code bootstrap.servers} into host and port pairs.
     *
     * @throws ConfigException naming the key when the list is empty or an entry is not host:port
     */
    public static List<HostAndPort> parseBootstrapServers(List<String> servers) {
        List<HostAndPort> result = new ArrayList<>();
        for (String server : servers) {
            int colon = server.lastIndexOf(':');
            String host = colon > 0 ? server.substring(0, colon) : "";
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port = -1;
            try {
                port = colon > 0 ? Integer.parseInt(server.substring(colon + 1)) : -1;
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (host.isEmpty() || port < 0 || port > 65535) {
                throw new ConfigException(BOOTSTRAP_SERVERS_CONFIG, servers, "Invalid url in bootstrap.servers: " + server);
            }
            result.add(new HostAndPort(host, port));
        }
        if (result.isEmpty()) {
            throw new ConfigException(BOOTSTRAP_SERVERS_CONFIG, servers, "No resolvable bootstrap urls given in bootstrap.servers");
        }
        return result;
    }

    /** One parsed bootstrap address. */
    public record HostAndPort(String host, int port) {
    }
}
