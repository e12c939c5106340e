package dev.evolve.engine.cluster;

import com.hazelcast.cluster.Member;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The evaluation slots of a cluster run: each worker member's (as many as it advertises) and the
 * coordinator's local workers (id {@value #LOCAL}). A dispatch takes the slot of the member with the
 * most free slots (another member than the one to avoid, where there is one) and gives it back when
 * the member answers or leaves. A slot whose lease ran out stays taken until the late answer comes
 * or its member leaves: a frozen member gets no more work. The slots of a run whose target needs a
 * device ({@code devicesOnly}: an OpenCL kernel) are only those of members that advertise one.
 */
final class Slots {

    static final String LOCAL = "local";

    /** A taken slot: the member's id and name, and the member itself (null for the local workers). */
    record Slot(String id, String name, Member member) {
        boolean local() {
            return member == null;
        }
    }

    private static final class Entry {
        final String name;
        final Member member;
        final int capacity;
        final int devices;
        int busy;

        Entry(String name, Member member, int capacity, int devices) {
            this.name = name;
            this.member = member;
            this.capacity = capacity;
            this.devices = devices;
        }
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final boolean devicesOnly;

    /** Slots for a target that runs anywhere. */
    Slots() {
        this(false);
    }

    /** @param devicesOnly whether the run's target needs a device: members without one get none of its work */
    Slots(boolean devicesOnly) {
        this.devicesOnly = devicesOnly;
    }

    /** Adds a member with no device. */
    synchronized void add(String id, String name, Member member, int capacity) {
        add(id, name, member, capacity, 0);
    }

    /** Adds a member with {@code capacity} slots and {@code devices} OpenCL devices. */
    synchronized void add(String id, String name, Member member, int capacity, int devices) {
        entries.putIfAbsent(id, new Entry(name, member, capacity, devices));
        notifyAll();
    }

    /** Whether a member may take this run's work. */
    private boolean eligible(Entry e) {
        return !devicesOnly || e.devices > 0;
    }

    synchronized void remove(String id) {
        entries.remove(id);
        notifyAll();
    }

    /**
     * Takes a free slot, waiting for one.
     *
     * @param avoid  a member not to take when another has a free slot (null: any)
     * @param noneFor how long to wait when there is no member at all before giving up
     * @throws ClusterException when the cluster had no worker for {@code noneFor}
     */
    synchronized Slot acquire(String avoid, Duration noneFor) throws InterruptedException {
        long deadline = System.nanoTime() + noneFor.toNanos();
        while (true) {
            String best = null;
            int bestRank = 0;
            boolean anyEligible = false;
            for (var e : entries.entrySet()) {
                if (!eligible(e.getValue())) {
                    continue;
                }
                anyEligible = true;
                int free = e.getValue().capacity - e.getValue().busy;
                // any other member with a free slot beats the one to avoid; then the most free slots
                int rank = free <= 0 ? 0 : free + (e.getKey().equals(avoid) ? 0 : 1_000);
                if (rank > bestRank) {
                    best = e.getKey();
                    bestRank = rank;
                }
            }
            if (best != null) {
                Entry e = entries.get(best);
                e.busy++;
                return new Slot(best, e.name, e.member);
            }
            long left = deadline - System.nanoTime();
            if (!anyEligible && left <= 0) {
                throw new ClusterException(devicesOnly
                        ? "no worker member with an OpenCL device in the cluster for " + noneFor.toSeconds()
                                + " s (this target needs one; 'evolve devices' on a member lists what it has)"
                        : "no worker member in the cluster for " + noneFor.toSeconds()
                                + " s (start one with 'evolve worker --join ...')");
            }
            wait(!anyEligible ? Math.max(1, left / 1_000_000) : 1000);
            if (anyEligible) {
                deadline = System.nanoTime() + noneFor.toNanos();
            }
        }
    }

    synchronized void release(Slot slot) {
        Entry e = entries.get(slot.id());
        if (e != null && e.member == slot.member() && e.busy > 0) {
            e.busy--;
        }
        notifyAll();
    }

    /** Worker members (the local workers not counted). */
    synchronized int members() {
        return (int) entries.keySet().stream().filter(id -> !id.equals(LOCAL)).count();
    }

    /** Slots taken now. */
    synchronized int inFlight() {
        return entries.values().stream().mapToInt(e -> e.busy).sum();
    }
}
