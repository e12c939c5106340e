package dev.evolve.engine.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.Consumer;

/**
 * Joining a cluster the engine's way: start the member, then check that it is where it was told to
 * be (a member that found nobody at {@code --join} has formed a cluster of its own) and that every
 * other member runs this engine version; leave again with a clear message when not. Members that
 * join later with another version are reported, and never given work.
 */
final class Membership {

    private Membership() {
    }

    /**
     * Starts a member with {@code config} and checks its cluster.
     *
     * @throws ClusterException when nobody answered at {@code join}, or the cluster runs another version
     */
    static HazelcastInstance join(Config config, ClusterAddress join, Consumer<String> log) {
        long start = System.nanoTime();
        HazelcastInstance hz;
        try {
            hz = Hazelcast.newHazelcastInstance(config);
        } catch (RuntimeException e) {
            throw new ClusterException("cannot start a cluster member on " + config.getProperty(
                    "hazelcast.local.localAddress") + ": " + e.getMessage(), e);
        }
        try {
            Member self = hz.getCluster().getLocalMember();
            boolean alone = hz.getCluster().getMembers().size() == 1;
            if (alone && !isAt(self, join)) {
                throw new ClusterException(String.format("no cluster member answered at %s within %.0f s "
                                + "(is 'evolve worker' running there, with the same --cluster-name '%s', reachable from %s?)",
                        join, (System.nanoTime() - start) / 1e9, config.getClusterName(), self.getAddress().getHost()));
            }
            for (Member m : hz.getCluster().getMembers()) {
                String theirs = m.getAttribute(MemberConfigs.VERSION);
                if (!m.localMember() && !EngineVersion.current().equals(theirs)) {
                    throw new ClusterException("refused: the cluster at " + join + " runs engine version " + theirs
                            + " (member " + m.getAddress() + "); this one runs " + EngineVersion.current()
                            + ": run the same evolve release on every machine");
                }
            }
        } catch (RuntimeException e) {
            hz.shutdown();
            throw e;
        }
        hz.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                Member m = event.getMember();
                if (!compatible(m)) {
                    log.accept("refused member " + m.getAddress() + ": it runs engine version "
                            + m.getAttribute(MemberConfigs.VERSION) + ", this cluster runs " + EngineVersion.current()
                            + " (it gets no work)");
                } else {
                    log.accept("member joined: " + describe(m));
                }
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                log.accept("member left: " + event.getMember().getAddress());
            }
        });
        return hz;
    }

    /** Whether a member runs this engine version. */
    static boolean compatible(Member m) {
        return EngineVersion.current().equals(m.getAttribute(MemberConfigs.VERSION));
    }

    /** Whether a member is a worker of this version, with slots to give. */
    static boolean isWorker(Member m) {
        return !m.isLiteMember() && compatible(m) && "worker".equals(m.getAttribute(MemberConfigs.ROLE))
                && slots(m) > 0;
    }

    static int slots(Member m) {
        try {
            return Integer.parseInt(m.getAttribute(MemberConfigs.SLOTS));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The OpenCL devices a member advertises (0 for a member of a release that did not say). */
    static int devices(Member m) {
        try {
            return Math.max(0, Integer.parseInt(m.getAttribute(MemberConfigs.DEVICE_COUNT)));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** One line: address, role, version, slots, cores, CPU, JDK, OpenCL devices. */
    static String describe(Member m) {
        return m.getAddress() + " " + (m.isLiteMember() ? "coordinator" : m.getAttribute(MemberConfigs.ROLE))
                + " version " + m.getAttribute(MemberConfigs.VERSION) + ", " + m.getAttribute(MemberConfigs.SLOTS)
                + " slots, " + m.getAttribute(MemberConfigs.CORES) + " cores, " + m.getAttribute(MemberConfigs.CPU)
                + ", " + m.getAttribute(MemberConfigs.JDK) + ", " + (devices(m) == 0 ? "no OpenCL device"
                : "OpenCL: " + String.valueOf(m.getAttribute(MemberConfigs.DEVICE_LIST)).replace("|", "; "));
    }

    private static boolean isAt(Member self, ClusterAddress join) {
        if (self.getAddress().getPort() != join.port()) {
            return false;
        }
        try {
            return InetAddress.getByName(join.host()).equals(self.getAddress().getInetAddress());
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
