package dev.evolve.engine.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * An {@code evolve worker}: a Hazelcast member that evaluates the candidates coordinators send it, in
 * {@code slots} sandboxed worker JVMs of this machine. The first worker forms the cluster ({@code --join}
 * may name its own address); later ones join it. It advertises its engine version, JDK, cores, CPU
 * model and OpenCL devices as member attributes.
 *
 * <pre>{@code
 * try (var worker = ClusterWorker.start(new ClusterWorker.Options(ClusterAddress.parse("127.0.0.1:5701"),
 *         "127.0.0.1", null, "evolve", 2), factory, System.err::println)) {
 *     worker.awaitShutdown();
 * }
 * }</pre>
 */
public final class ClusterWorker implements AutoCloseable {

    /**
     * How a worker joins.
     *
     * @param port the port to listen on (the next free one above it when taken); null: the join
     *             address's port when joining this host, else 5701
     */
    public record Options(ClusterAddress join, String bind, Integer port, String clusterName, int slots) {
        public Options {
            if (join == null || bind == null || bind.isBlank() || clusterName == null || clusterName.isBlank()) {
                throw new IllegalArgumentException("a worker needs a join address, an interface and a cluster name");
            }
            if (slots < 1 || slots > 64) {
                throw new IllegalArgumentException("--slots must be in 1..64, was " + slots);
            }
        }
    }

    private final HazelcastInstance hz;
    private final WorkerService service;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private ClusterWorker(HazelcastInstance hz, WorkerService service) {
        this.hz = hz;
        this.service = service;
        hz.getLifecycleService().addLifecycleListener(e -> {
            if (e.getState() == com.hazelcast.core.LifecycleEvent.LifecycleState.SHUTDOWN) {
                stopped.countDown();
            }
        });
    }

    /**
     * Starts the member and joins the cluster.
     *
     * @throws ClusterException when nobody answers at the join address, or the cluster runs another engine version
     */
    public static ClusterWorker start(Options options, WorkerService.EvaluatorFactory factory, Consumer<String> log) {
        return start(options, factory, MemberDevices.NONE, log);
    }

    /**
     * Starts the member, advertising {@code devices} (see {@link MemberDevices#discover()}), and joins the cluster.
     *
     * @throws ClusterException when nobody answers at the join address, or the cluster runs another engine version
     */
    public static ClusterWorker start(Options options, WorkerService.EvaluatorFactory factory, MemberDevices devices,
                                      Consumer<String> log) {
        int port = options.port() != null ? options.port() : options.join().port();
        WorkerService service = new WorkerService(factory, options.slots(),
                Path.of(System.getProperty("java.io.tmpdir"), "evolve-cluster-targets"));
        Config config = MemberConfigs.member(options.clusterName(), options.join(), options.bind(), port,
                options.slots(), devices);
        config.getUserContext().put(WorkerService.KEY, service);
        try {
            return new ClusterWorker(Membership.join(config, options.join(), log), service);
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
    }

    /** Where this member listens. */
    public String address() {
        var a = hz.getCluster().getLocalMember().getAddress();
        return a.getHost() + ":" + a.getPort();
    }

    /** How many members the cluster has now, this one included. */
    public int clusterSize() {
        return hz.getCluster().getMembers().size();
    }

    /** Candidates evaluated here so far. */
    public long evaluated() {
        return service.evaluated();
    }

    /** Waits until the member is shut down (by {@link #close} or from outside). */
    public void awaitShutdown() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        try {
            hz.shutdown();
        } finally {
            service.close();
        }
    }
}
