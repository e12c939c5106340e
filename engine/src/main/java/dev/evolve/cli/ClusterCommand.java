package dev.evolve.cli;

import dev.evolve.engine.cluster.ClusterAddress;
import dev.evolve.engine.cluster.ClusterException;
import dev.evolve.engine.cluster.ClusterStatus;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code evolve cluster status HOST:PORT}: the members of a cluster. */
@Command(name = "cluster", mixinStandardHelpOptions = true, description = "Inspect a cluster of 'evolve worker' members.",
        subcommands = ClusterCommand.Status.class)
final class ClusterCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (status)");
    }

    /** Lists the members, one a line: address, role, version, slots, cores, CPU, JDK. */
    @Command(name = "status", mixinStandardHelpOptions = true, description = "List the members of the cluster a member at HOST:PORT belongs to.")
    static final class Status implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "HOST:PORT", description = "Any member of the cluster.")
        String address;

        @Mixin
        MemberOptions member;

        @Override
        public Integer call() {
            ClusterAddress join = MemberOptions.address(address);
            try {
                ClusterStatus.members(member.clusterName, join, member.bind).forEach(System.out::println);
                return ExitCode.OK.code;
            } catch (ClusterException e) {
                System.err.println("evolve: " + e.getMessage());
                return ExitCode.FAILURE.code;
            }
        }
    }
}
