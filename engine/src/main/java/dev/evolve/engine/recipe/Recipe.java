package dev.evolve.engine.recipe;

import dev.evolve.engine.mutate.ast.Rewrite;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Rewrites to apply in order, each with its knob value. Steps that do not apply are skipped. */
public record Recipe(List<Step> steps) {

    /** One rewrite with one knob value. */
    public record Step(String rewrite, int knob) {
        public Step {
            if (rewrite == null || rewrite.isBlank()) {
                throw new IllegalArgumentException("a step names a rewrite");
            }
        }

        @Override
        public String toString() {
            return rewrite + "(" + knob + ")";
        }
    }

    /** The outcome of applying a recipe: the new source and the steps that really changed it. */
    public record Applied(String source, List<Step> applied) {
        public Applied {
            applied = List.copyOf(applied);
        }

        /** How the child was made, for lineage: {@code ast:interchange(0)+vectorize(0)}. */
        public String origin() {
            return "ast:" + applied.stream().map(Step::toString).collect(Collectors.joining("+"));
        }

        public boolean changed() {
            return !applied.isEmpty();
        }
    }

    public Recipe {
        steps = List.copyOf(steps);
    }

    /**
     * Applies the steps in order to {@code source}. A step whose rewrite is unknown, declines, or
     * returns the source unchanged is skipped.
     */
    public Applied applyTo(String source, Map<String, Rewrite> rewrites) {
        String current = source;
        List<Step> applied = new ArrayList<>();
        for (Step step : steps) {
            Rewrite rewrite = rewrites.get(step.rewrite());
            if (rewrite == null) {
                continue;
            }
            Optional<String> next;
            try {
                next = rewrite.apply(current, step.knob());
            } catch (RuntimeException e) {
                next = Optional.empty();          // a rewrite must not throw; a bug in one must not stop a run
            }
            if (next.isPresent() && !next.get().equals(current)) {
                current = next.get();
                applied.add(step);
            }
        }
        return new Applied(current, applied);
    }

    @Override
    public String toString() {
        return steps.stream().map(Step::toString).collect(Collectors.joining(" -> ", "[", "]"));
    }
}
