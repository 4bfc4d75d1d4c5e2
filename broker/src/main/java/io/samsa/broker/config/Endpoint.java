package io.samsa.broker.config;

import java.util.Locale;

/**
 * One listener address, {@code NAME://host:port} as written in {@code listeners}: an empty host
 * means every interface, port 0 an ephemeral port, an IPv6 host is written in brackets.
 *
 * <p>Immutable.
 *
 * @param listenerName the listener name, upper case (only PLAINTEXT is served today)
 * @param host         host name or address; empty for every interface
 * @param port         0..65535
 */
public record Endpoint(String listenerName, String host, int port) {

    /**
     * @param key  the configuration key the text came from, for the error message
     * @param text e.g. {@code PLAINTEXT://localhost:9092}, {@code PLAINTEXT://:9092}, {@code PLAINTEXT://[::1]:0}
     * @throws ConfigException naming {@code key} when the text is not an endpoint
     */
    public static Endpoint parse(String key, String text) {
        int sep = text.indexOf("://");
        int colon = text.lastIndexOf(':');
        if (sep <= 0 || colon <= sep + 2) {
            throw ConfigException.invalidValue(key, text, "expected NAME://host:port");
        }
        String name = text.substring(0, sep).toUpperCase(Locale.ROOT);
        String host = text.substring(sep + 3, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw ConfigException.invalidValue(key, text, "port is not a number");
        }
        if (port < 0 || port > 65_535) {
            throw ConfigException.invalidValue(key, text, "port must be between 0 and 65535");
        }
        return new Endpoint(name, host, port);
    }

    /** @return the text form, {@code NAME://host:port} */
    @Override
    public String toString() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return listenerName + "://" + h + ":" + port;
    }
}
