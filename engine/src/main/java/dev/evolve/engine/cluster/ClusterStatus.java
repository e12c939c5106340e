package dev.evolve.engine.cluster;

import com.hazelcast.core.HazelcastInstance;
import java.util.List;

/** {@code evolve cluster status}: joins briefly as a lite member and lists the other members. */
public final class ClusterStatus {

    private ClusterStatus() {
    }

    /**
     * One line per member (this short-lived one left out).
     *
     * @throws ClusterException when nobody answers at {@code join}
     */
    public static List<String> members(String clusterName, ClusterAddress join, String bind) {
        HazelcastInstance hz = Membership.join(MemberConfigs.member(clusterName, join, bind, ClusterLink.freePort(bind), 0),
                join, line -> { });
        try {
            return hz.getCluster().getMembers().stream().filter(m -> !m.localMember()).map(Membership::describe).toList();
        } finally {
            hz.shutdown();
        }
    }
}
