package dev.evolve.engine.cluster;

/**
 * A member's address as given on the command line: {@code HOST:PORT}.
 *
 * @param host a host name or IP address
 * @param port the member's TCP port
 */
public record ClusterAddress(String host, int port) {

    public ClusterAddress {
        if (host == null || host.isBlank() || host.contains(":")) {
            throw new IllegalArgumentException("a cluster address needs a host (HOST:PORT), was '" + host + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("a cluster port must be in 1..65535, was " + port);
        }
    }

    /** Parses {@code HOST:PORT}. */
    public static ClusterAddress parse(String text) {
        int colon = text == null ? -1 : text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not HOST:PORT");
        }
        try {
            return new ClusterAddress(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not HOST:PORT (the port is not a number)");
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
