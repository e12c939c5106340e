package dev.evolve.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code evolve} command line. */
@Command(name = "evolve", mixinStandardHelpOptions = true, version = "evolve 0.1.0",
        description = "Evolves faster programs: mutate, compile, check, time, select.",
        subcommands = {RunCommand.class, ResumeCommand.class, WorkerCommand.class, ClusterCommand.class, LineageCommand.class, ReportCommand.class, EvalCommand.class, SeedCommand.class, TargetsCommand.class, DevicesCommand.class, DoctorCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:done (an evaluation that completed, whatever the variant's status)",
                "1:internal or environmental failure",
                "2:bad usage (unknown target or option, unreadable file, invalid value)",
                "130:interrupted (what was done is kept)"})
public final class EvolveCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (for tests and for {@link #main}). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new EvolveCommand());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof UsageException) {
                cmd.getErr().println("evolve: " + e.getMessage());
                return ExitCode.USAGE.code;
            }
            cmd.getErr().println("evolve: " + e);
            e.printStackTrace(cmd.getErr());
            return ExitCode.FAILURE.code;
        });
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("evolve: " + e.getMessage());
            e.getCommandLine().getErr().println("Try 'evolve " + e.getCommandLine().getCommandName() + " --help'.");
            return ExitCode.USAGE.code;
        });
        return cli.execute(args);
    }
}
