package dev.evolve.engine.run;

import dev.evolve.engine.db.ProgramRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the model lane learnt for its next asks: notes per parent (its child repeated a known program) that the next
 * prompt for that parent gives, at most {@value #MAX_NOTES} each, and failed children to offer back for a repair
 * prompt, the latest {@value #MAX_REPAIRS}. Written as children are filed, read as asks are made.
 */
final class LaneFeedback {

    /** Notes kept per parent for its next prompt, at most. */
    static final int MAX_NOTES = 3;
    /** Failed children kept for repair, at most. */
    static final int MAX_REPAIRS = 16;
    /** Parents with notes, at most: parents long gone from the islands keep no notes forever. */
    private static final int MAX_PARENTS = 1_000;

    /** A failed child and its parent. */
    record Repair(ProgramRecord parent, ProgramRecord child) {
    }

    private final Map<String, List<String>> notes = new HashMap<>();
    private final Deque<Repair> repairs = new ArrayDeque<>();

    synchronized void note(String parentId, String note) {
        List<String> list = notes.computeIfAbsent(parentId, id -> new ArrayList<>());
        list.add(note);
        if (list.size() > MAX_NOTES) {
            list.removeFirst();
        }
        if (notes.size() > MAX_PARENTS) {
            notes.remove(notes.keySet().iterator().next());
        }
    }

    /** The notes for {@code parentId}'s next prompt; they are given once. */
    synchronized List<String> takeNotes(String parentId) {
        List<String> list = notes.remove(parentId);
        return list == null ? List.of() : list;
    }

    synchronized void failed(ProgramRecord parent, ProgramRecord child) {
        repairs.addLast(new Repair(parent, child));
        while (repairs.size() > MAX_REPAIRS) {
            repairs.removeFirst();
        }
    }

    /** The oldest failed child kept, or null. */
    synchronized Repair takeRepair() {
        return repairs.pollFirst();
    }
}
