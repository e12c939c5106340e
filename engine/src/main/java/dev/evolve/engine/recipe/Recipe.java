package dev.evolve.engine.recipe;

import dev.evolve.engine.mutate.Rewrite;
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
        return applyTo(source, rewrites, null);
    }

    /**
     * As {@link #applyTo(String, Map)}, reusing and filling {@code memo}: the result after each
     * prefix of steps, for one and the same {@code source}. Recipes of one population share many
     * prefixes, and each step is a parse and a print.
     */
    public Applied applyTo(String source, Map<String, Rewrite> rewrites, Map<List<Step>, Applied> memo) {
        String current = source;
        List<Step> applied = new ArrayList<>();
        int from = 0;
        if (memo != null) {
            for (int len = steps.size(); len > 0; len--) {
                Applied known = memo.get(steps.subList(0, len));
                if (known != null) {
                    current = known.source();
                    applied.addAll(known.applied());
                    from = len;
                    break;
                }
            }
        }
        for (int i = from; i < steps.size(); i++) {
            Step step = steps.get(i);
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
            if (memo != null) {
                memo.put(List.copyOf(steps.subList(0, i + 1)), new Applied(current, applied));
            }
        }
        return new Applied(current, applied);
    }

    @Override
    public String toString() {
        return steps.stream().map(Step::toString).collect(Collectors.joining(" -> ", "[", "]"));
    }
}
