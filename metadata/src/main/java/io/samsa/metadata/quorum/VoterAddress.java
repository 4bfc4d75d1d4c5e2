package io.samsa.metadata.quorum;

/**
 * One entry of {@code controller.quorum.voters}: {@code id@host:port}. Immutable.
 *
 * @param id   the voter's node.id
 * @param host its controller listener's host
 * @param port its controller listener's port (0 binds an ephemeral port: a one-node quorum only)
 */
public record VoterAddress(int id, String host, int port) {
    /** Parses {@code id@host:port}; throws IllegalArgumentException with the offending text. */
    public static VoterAddress parse(String text) {
        String entry = text.trim();
        int at = entry.indexOf('@');
        int colon = entry.lastIndexOf(':');
        if (at <= 0 || colon < at + 2 || colon == entry.length() - 1) {
            throw new IllegalArgumentException("controller.quorum.voters entry '" + entry
                    + "' is not of the form id@host:port");
        }
        try {
            String host = entry.substring(at + 1, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            return new VoterAddress(Integer.parseInt(entry.substring(0, at)), host,
                    Integer.parseInt(entry.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("controller.quorum.voters entry '" + entry
                    + "' is not of the form id@host:port", e);
        }
    }

    @Override
    public String toString() {
        return id + "@" + host + ":" + port;
    }
}
