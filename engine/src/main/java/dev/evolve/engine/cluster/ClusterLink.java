package dev.evolve.engine.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import dev.evolve.engine.record.ClusterSection;
import dev.evolve.engine.record.EvaluationSection;
import dev.evolve.engine.record.RunConfig;
import dev.evolve.engine.record.RunEvent;
import dev.evolve.engine.record.RunFolder;
import dev.evolve.engine.run.Progress;
import dev.evolve.engine.run.RunDisplay;
import dev.evolve.engine.target.TargetCatalog;
import dev.evolve.eval.VariantEvaluator;
import dev.evolve.kernels.opencl.OpenClTarget;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.function.Consumer;

/**
 * The coordinator's side of a cluster run: joins the cluster named in the run's {@code cluster}
 * section as a lite member (it owns no data and evaluates nothing there), keeps the slots of the
 * worker members as they join and leave, and offers the run a {@link ClusterEvaluator} in place of
 * its local one (which it keeps as one more member, unless {@code local_workers: false}). The run's
 * database stays the only record, written here only. Closing leaves the cluster.
 *
 * <pre>{@code
 * try (ClusterLink link = ClusterLink.open(config, folder.database(), bench.evaluator(), clock)) {
 *     VariantEvaluator evaluator = link.evaluator(events::log);
 * }
 * }</pre>
 */
public final class ClusterLink implements AutoCloseable {

    /** How long a run waits for its first worker member (or for one after all have left). */
    static final Duration NO_MEMBER_WAIT = Duration.ofMinutes(2);

    private final HazelcastInstance hz;
    private final DispatchLedger ledger;
    private final ClusterEvaluator evaluator;
    private final ClusterSection section;
    private final DispatchLedger.Leftovers leftovers;
    private volatile Consumer<RunEvent> events = e -> { };

    private ClusterLink(HazelcastInstance hz, DispatchLedger ledger, ClusterEvaluator evaluator, ClusterSection section,
                        DispatchLedger.Leftovers leftovers) {
        this.hz = hz;
        this.ledger = ledger;
        this.evaluator = evaluator;
        this.section = section;
        this.leftovers = leftovers;
    }

    /**
     * Joins the cluster of {@code config} (which has a {@code cluster} section).
     *
     * @param local the run's own evaluator: used for candidates when {@code local_workers} is on
     * @throws ClusterException when the cluster cannot be joined
     */
    public static ClusterLink open(RunConfig config, Path database, VariantEvaluator local, InstantSource clock) {
        ClusterSection section = config.cluster();
        ClusterAddress join = ClusterAddress.parse(section.join());
        TaskSpec spec = TaskSpec.of(config);
        // a target that needs a device (an OpenCL kernel) goes only to members that advertise one
        boolean needsDevice = TargetCatalog.resolve(config.target(), config.evaluation().timingSize())
                instanceof OpenClTarget;
        Slots slots = new Slots(needsDevice);
        Config hzConfig = MemberConfigs.member(section.name(), join, section.bind(), freePort(section.bind()), 0);
        HazelcastInstance hz = Membership.join(hzConfig, join, line -> { });
        DispatchLedger ledger;
        try {
            ledger = DispatchLedger.open(database);
        } catch (RuntimeException e) {
            hz.shutdown();
            throw e;
        }
        DispatchLedger.Leftovers leftovers = ledger.abandonInFlight(clock.millis());
        if (section.localWorkers()) {
            // the run's own workers opened the device already when the target needs one
            slots.add(Slots.LOCAL, Slots.LOCAL, null, config.evaluation().workers(), needsDevice ? 1 : 0);
        }
        var evaluator = new ClusterEvaluator(hz.getExecutorService(MemberConfigs.EXECUTOR), spec, local, slots, ledger,
                section.leaseDuration(), NO_MEMBER_WAIT, clock, m -> hz.getCluster().getMembers().contains(m));
        ClusterLink link = new ClusterLink(hz, ledger, evaluator, section, leftovers);
        hz.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                link.added(slots, event.getMember());
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                Member m = event.getMember();
                slots.remove(m.getUuid().toString());
                link.events.accept(new RunEvent.Cluster("member_left", name(m), null, null, null));
            }
        });
        for (Member m : hz.getCluster().getMembers()) {
            if (!m.localMember()) {
                link.added(slots, m);
            }
        }
        return link;
    }

    private void added(Slots slots, Member m) {
        if (!Membership.compatible(m)) {
            events.accept(new RunEvent.Cluster("member_refused", name(m), null, null, "engine version "
                    + m.getAttribute(MemberConfigs.VERSION) + ", this run's is " + EngineVersion.current()));
            return;
        }
        if (Membership.isWorker(m)) {
            slots.add(m.getUuid().toString(), name(m), m, Membership.slots(m), Membership.devices(m));
            events.accept(new RunEvent.Cluster("member_joined", name(m), null, null, Membership.describe(m)));
        }
    }

    /**
     * The evaluator the run uses; its events (and those of members joining and leaving) go to
     * {@code sink}, beginning with the members already there and the candidates a stopped
     * coordinator left out on the cluster, which go out again now (see {@link ClusterEvaluator#resume}).
     */
    public VariantEvaluator evaluator(Consumer<RunEvent> sink) {
        this.events = sink;
        evaluator.events(sink);
        for (Member m : hz.getCluster().getMembers()) {
            if (Membership.isWorker(m)) {
                sink.accept(new RunEvent.Cluster("member_joined", name(m), null, null, Membership.describe(m)));
            }
        }
        if (leftovers.sourceless() > 0) {
            sink.accept(new RunEvent.Cluster("redispatched", null, null, null, leftovers.sourceless()
                    + " candidates were out when the coordinator stopped, in a ledger of an older release that kept"
                    + " no sources: each is sent again when proposed again"));
        }
        evaluator.resume(leftovers.unfiled());
        return evaluator;
    }

    /**
     * The configuration the run's loop uses: as many candidates in flight as the cluster may take
     * ({@code in_flight}) plus the local workers.
     */
    public RunConfig loopConfig(RunConfig config) {
        EvaluationSection e = config.evaluation();
        int threads = Math.min(64, section.inFlight() + (section.localWorkers() ? e.workers() : 0));
        return config.withEvaluation(new EvaluationSection(threads, e.workerHeapMb(), e.timingSize(),
                e.retimeInterval(), e.jmh(), e.device(), e.evaluatorJar(), e.sandbox()));
    }

    /**
     * {@code display} with the cluster's state (worker members, candidates in flight) shown beside the
     * progress: a line whenever the number of members changes, and every 30 s while the run goes on.
     */
    public RunDisplay around(RunDisplay display) {
        return new RunDisplay() {
            private int members = -1;
            private long shownAt;

            @Override
            public void update(Progress progress) {
                display.update(progress);
                long now = System.nanoTime();
                int m = evaluator.members();
                if (m != members || now - shownAt > 30_000_000_000L) {
                    members = m;
                    shownAt = now;
                    display.message("cluster: " + liveLine());
                }
            }

            @Override
            public void message(String line) {
                display.message(line);
            }

            @Override
            public void close() {
                // the run's display is closed by its owner
            }
        };
    }

    /** Worker members now, and candidates out. */
    public String liveLine() {
        return evaluator.members() + " members, " + evaluator.inFlight() + " in flight";
    }

    /**
     * Adds a {@code cluster} object to {@code summary.json}: per member, its attempts by state, which
     * member timed the best program (speedups from a member are against the seed timed there), and
     * how many candidates a stopped coordinator left out were not proposed again by this run.
     */
    public void annotateSummary(RunFolder folder) {
        Path file = folder.summary();
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode summary = (ObjectNode) json.readTree(file.toFile());
            ObjectNode cluster = summary.putObject("cluster");
            cluster.put("join", section.join());
            cluster.put("name", section.name());
            cluster.put("local_workers", section.localWorkers());
            cluster.set("members", json.valueToTree(ledger.countsByMember()));
            String best = summary.path("best_id").asText(null);
            if (best != null) {
                cluster.put("best_timed_by", ledger.doneBy(best));
            }
            cluster.put("speedups_against", "the seed timed on the member that timed each candidate");
            var kept = evaluator.notProposedAgain();
            cluster.put("kept_not_proposed_again", kept.size());
            kept.forEach(candidate -> events.accept(new RunEvent.Cluster("kept_unfiled", null, candidate, null,
                    "left out by the stopped coordinator and not proposed again by this run: its result (or, still"
                            + " out, its next dispatch) waits in the ledger for a later resume that proposes it")));
            RunFolder.writeAtomically(file, json.writeValueAsString(summary));
        } catch (IOException | RuntimeException e) {
            events.accept(new RunEvent.Cluster("summary_incomplete", null, null, null, e.toString()));
        }
    }

    @Override
    public void close() {
        try {
            evaluator.close();
            hz.shutdown();
        } finally {
            ledger.close();
        }
    }

    private static String name(Member m) {
        return m.getAddress().getHost() + ":" + m.getAddress().getPort();
    }

    static int freePort(String bind) {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(bind))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new ClusterException("cannot listen on " + bind + ": " + e.getMessage(), e);
        }
    }
}
