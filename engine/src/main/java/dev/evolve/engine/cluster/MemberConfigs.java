package dev.evolve.engine.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import dev.evolve.engine.record.Machine;
import java.util.Map;

/**
 * The Hazelcast configuration of a member, worker or coordinator: TCP-IP join to the address given,
 * multicast and auto-detection off, bound to one interface (loopback unless told), phone-home off,
 * failure detection in seconds rather than a minute, the engine's task factory registered, and Java
 * serialization allowed only for Hazelcast's own exceptions (the engine's task and plain text are all
 * else that travels).
 */
final class MemberConfigs {

    /** Member attributes every member advertises. */
    static final String ROLE = "evolve.role";
    static final String VERSION = "evolve.version";
    static final String JDK = "evolve.jdk";
    static final String CORES = "evolve.cores";
    static final String CPU = "evolve.cpu";
    static final String SLOTS = "evolve.slots";
    /** The member's OpenCL devices: how many, and one line each (joined with {@code |}). */
    static final String DEVICE_COUNT = "evolve.devices";
    static final String DEVICE_LIST = "evolve.device_list";

    /** The executor members run evaluation tasks on. */
    static final String EXECUTOR = "evolve-evaluate";

    /** How long a TCP-IP join waits for the listed member before giving up on it. */
    static final int CONNECT_SECONDS = 3;

    private MemberConfigs() {
    }

    /**
     * A member that joins {@code join} (possibly itself), bound to {@code bind} and listening on
     * {@code port} (the next free one above it when taken).
     *
     * @param slots candidates it evaluates at once; 0 for the coordinator (a lite member)
     */
    static Config member(String clusterName, ClusterAddress join, String bind, int port, int slots) {
        return member(clusterName, join, bind, port, slots, MemberDevices.NONE);
    }

    /** A member as {@link #member(String, ClusterAddress, String, int, int)} that advertises {@code devices}. */
    static Config member(String clusterName, ClusterAddress join, String bind, int port, int slots,
                         MemberDevices devices) {
        Config config = new Config();
        config.setClusterName(clusterName);
        config.setInstanceName("evolve-" + (slots == 0 ? "coordinator-" : "worker-") + Long.toHexString(System.nanoTime()));
        config.setLiteMember(slots == 0);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        if (System.getProperty("hazelcast.logging.type") == null) {
            config.setProperty("hazelcast.logging.type", "none");     // the engine says what matters itself
        }
        config.setProperty("hazelcast.shutdownhook.enabled", "false");  // the engine closes its member
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.local.localAddress", bind);
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "10");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.max.join.seconds", "20");
        config.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
        config.setProperty("hazelcast.merge.next.run.delay.seconds", "5");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(port).setPortAutoIncrement(true).setPortCount(50);
        network.getInterfaces().setEnabled(true).addInterface(bind);
        network.getRestApiConfig().setEnabled(false);
        JoinConfig joinConfig = network.getJoin();
        joinConfig.getMulticastConfig().setEnabled(false);
        joinConfig.getAutoDetectionConfig().setEnabled(false);
        joinConfig.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(CONNECT_SECONDS)
                .addMember(join.toString());
        var serialization = config.getSerializationConfig();
        serialization.addDataSerializableFactory(WireFactory.ID, new WireFactory());
        // Java serialization only for what Hazelcast itself sends back when an operation fails (its
        // exceptions, with their stack traces); the engine's own types are IdentifiedDataSerializable.
        serialization.setJavaSerializationFilterConfig(new JavaSerializationFilterConfig().setDefaultsDisabled(true)
                .setWhitelist(new com.hazelcast.config.ClassFilter().addPrefixes("com.hazelcast.", "java.lang.")
                        .addClasses("java.util.Collections$EmptyList", "java.util.Collections$UnmodifiableList",
                                "java.util.Collections$UnmodifiableRandomAccessList", "java.util.ArrayList")));
        config.getExecutorConfig(EXECUTOR).setPoolSize(Math.max(2, 2 * slots + 2)).setQueueCapacity(0)
                .setStatisticsEnabled(false);
        Machine machine = Machine.detect();
        var attributes = config.getMemberAttributeConfig();
        Map.of(ROLE, slots == 0 ? "coordinator" : "worker", VERSION, EngineVersion.current(), JDK, machine.jdk(),
                CORES, String.valueOf(machine.cores()), CPU, machine.cpuModel(), SLOTS, String.valueOf(slots))
                .forEach(attributes::setAttribute);
        attributes.setAttribute(DEVICE_COUNT, String.valueOf(devices.count()));
        attributes.setAttribute(DEVICE_LIST, devices.attribute());
        return config;
    }
}
