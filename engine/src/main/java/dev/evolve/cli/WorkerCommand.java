package dev.evolve.cli;

import dev.evolve.engine.cluster.ClusterException;
import dev.evolve.engine.cluster.ClusterWorker;
import dev.evolve.engine.cluster.MemberDevices;
import dev.evolve.engine.cluster.EngineVersion;
import dev.evolve.engine.record.RunConfig;
import dev.evolve.engine.wiring.Workbenches;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code evolve worker}: a cluster member that evaluates candidates for coordinators ({@code evolve run --cluster}). */
@Command(name = "worker", mixinStandardHelpOptions = true, description = {
        "Join (or form) a cluster and evaluate candidates sent by 'evolve run --cluster HOST:PORT'.",
        "Candidate code runs in sandboxed worker JVMs on this machine, never in this process.",
        "No TLS and no authentication (Hazelcast open edition): bind to loopback or a private network only."})
final class WorkerCommand implements Callable<Integer> {

    @Option(names = "--join", required = true, paramLabel = "HOST:PORT", description = "A member of the cluster to join; the first worker may name its own address.")
    String join;

    @Option(names = "--port", paramLabel = "PORT", description = "Port to listen on, or the next free one above it (default: the --join port).")
    Integer port;

    @Mixin
    MemberOptions member;

    @Option(names = "--slots", paramLabel = "N", defaultValue = "2", description = "Candidates evaluated at once: worker JVMs on this machine (default 2).")
    int slots;

    @Option(names = "--sandbox", paramLabel = "MODE", description = "OS sandbox of candidate processes: auto (default), bwrap or process.")
    String sandbox;

    @Override
    public Integer call() throws InterruptedException {
        ClusterWorker.Options options;
        try {
            options = new ClusterWorker.Options(MemberOptions.address(join), member.bind, port, member.clusterName,
                    slots);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        SandboxChoice.apply(sandbox);
        MemberDevices devices = MemberDevices.discover();     // in a child JVM: no driver is loaded in this one
        ClusterWorker worker;
        try {
            worker = ClusterWorker.start(options, (target, evaluation) -> Workbenches.forRun(target,
                    RunConfig.defaults(target.name()).withEvaluation(evaluation)).evaluator(), devices,
                    line -> System.err.println("evolve: " + line));
        } catch (ClusterException e) {
            System.err.println("evolve: " + e.getMessage());
            return ExitCode.FAILURE.code;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(worker::close, "evolve-worker-shutdown"));
        System.err.println("evolve: worker " + worker.address() + " (engine " + EngineVersion.current() + ", "
                + slots + " slots) in cluster '" + member.clusterName + "' of " + worker.clusterSize()
                + " members; " + (devices.devices().isEmpty() ? "no OpenCL device" : "OpenCL: "
                + String.join("; ", devices.devices())) + "; Ctrl-C to leave");
        worker.awaitShutdown();
        return ExitCode.OK.code;
    }
}
