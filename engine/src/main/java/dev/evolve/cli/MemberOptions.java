package dev.evolve.cli;

import dev.evolve.engine.cluster.ClusterAddress;
import picocli.CommandLine.Option;

/**
 * The options of a command that makes this process a cluster member ({@code evolve worker}, {@code evolve cluster
 * status}): which cluster, and the interface to bind to (a picocli mixin).
 */
final class MemberOptions {

    @Option(names = "--cluster-name", paramLabel = "NAME", defaultValue = "evolve", description = "Keeps clusters apart (it is not a password; default evolve).")
    String clusterName;

    @Option(names = "--bind", paramLabel = "IP", defaultValue = "127.0.0.1", description = "Interface this member listens on and joins from (default 127.0.0.1).")
    String bind;

    /** {@code HOST:PORT} of a member, or a usage error that says what is wrong with it. */
    static ClusterAddress address(String hostPort) {
        try {
            return ClusterAddress.parse(hostPort);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
