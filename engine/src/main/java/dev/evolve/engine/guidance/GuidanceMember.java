package dev.evolve.engine.guidance;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One piece of guidance and how the children made under it fared.
 *
 * @param id       {@code g1}, {@code g2}, ... in the order the pieces were made, never reused in a run
 * @param text     the guidance, inserted verbatim into prompts
 * @param origin   {@code seed} (an {@code emphasis} alternative) or {@code rewrite <n>}
 * @param children model children credited to it (filed, duplicates and near copies alike)
 * @param gainSum  the sum of their gains (a child's score over its parent's, less 1; 0 when it was no better)
 * @param bestGain the largest gain of one of its children
 * @param recent   what became of its last few children, one line each, newest last
 */
public record GuidanceMember(@JsonProperty("id") String id, @JsonProperty("text") String text,
                             @JsonProperty("origin") String origin, @JsonProperty("children") long children,
                             @JsonProperty("gain_sum") double gainSum, @JsonProperty("best_gain") double bestGain,
                             @JsonProperty("recent") List<String> recent) {

    /** Outcomes kept per piece for the rewrite prompt. */
    static final int RECENT = 4;

    public GuidanceMember {
        Objects.requireNonNull(id, "id");
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("guidance " + id + " has no text");
        }
        origin = origin == null ? "seed" : origin;
        if (children < 0 || !(gainSum >= 0) || !(bestGain >= 0)) {
            throw new IllegalArgumentException("guidance " + id + ": counts and gains must be >= 0");
        }
        recent = recent == null ? List.of() : List.copyOf(recent);
    }

    /** A piece no child has been credited to yet. */
    static GuidanceMember fresh(String id, String text, String origin) {
        return new GuidanceMember(id, text, origin, 0, 0, 0, List.of());
    }

    /** The mean gain of its children; 0 before the first. */
    @JsonIgnore
    public double meanGain() {
        return children == 0 ? 0 : gainSum / children;
    }

    /** The same piece with one more child of {@code gain}, described by {@code note}. */
    GuidanceMember credited(double gain, String note) {
        double g = Double.isFinite(gain) ? Math.max(0, gain) : 0;
        List<String> notes = new ArrayList<>(recent);
        notes.add(note);
        while (notes.size() > RECENT) {
            notes.removeFirst();
        }
        return new GuidanceMember(id, text, origin, children + 1, gainSum + g, Math.max(bestGain, g), notes);
    }
}
