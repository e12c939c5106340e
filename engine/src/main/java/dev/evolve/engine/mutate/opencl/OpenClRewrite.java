package dev.evolve.engine.mutate.opencl;

import dev.evolve.engine.mutate.Rewrite;
import dev.evolve.kernels.EvolveBlock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A rewrite of the evolve block of an OpenCL C variant. Subclasses rewrite the block's body; this
 * class keeps the text outside the block, reports an unchanged body as "does not apply", and
 * turns any exception into {@link Optional#empty()} (a rewrite never throws).
 */
abstract class OpenClRewrite implements Rewrite {

    private final String name;
    private final String description;
    private final List<Integer> knobs;

    OpenClRewrite(String name, String description, List<Integer> knobs) {
        this.name = Objects.requireNonNull(name);
        this.description = Objects.requireNonNull(description);
        this.knobs = List.copyOf(knobs);
    }

    @Override public final String name() { return name; }

    @Override public final String description() { return description; }

    @Override public final List<Integer> knobs() { return knobs; }

    @Override
    public final Optional<String> apply(String source, int knob) {
        try {
            Optional<EvolveBlock> block = EvolveBlock.of(source);
            if (block.isEmpty()) {
                return Optional.empty();
            }
            return rewriteBody(block.get().body(), knob)
                    .filter(body -> !body.equals(block.get().body()))
                    .map(body -> block.get().withBody(body));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The new body of the evolve block, or empty when the rewrite does not apply to this one. */
    abstract Optional<String> rewriteBody(String body, int knob);

    @Override
    public String toString() {
        return name;
    }
}
