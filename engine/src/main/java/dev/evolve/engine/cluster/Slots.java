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
 * or its member leaves: a frozen member gets no more work.
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
        int busy;

        Entry(String name, Member member, int capacity) {
            this.name = name;
            this.member = member;
            this.capacity = capacity;
        }
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    synchronized void add(String id, String name, Member member, int capacity) {
        entries.putIfAbsent(id, new Entry(name, member, capacity));
        notifyAll();
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
            for (var e : entries.entrySet()) {
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
            if (entries.isEmpty() && left <= 0) {
                throw new ClusterException("no worker member in the cluster for " + noneFor.toSeconds()
                        + " s (start one with 'evolve worker --join ...')");
            }
            wait(entries.isEmpty() ? Math.max(1, left / 1_000_000) : 1000);
            if (!entries.isEmpty()) {
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
