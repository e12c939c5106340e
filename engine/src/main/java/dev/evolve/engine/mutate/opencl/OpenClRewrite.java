package dev.evolve.engine.mutate.opencl;

import dev.evolve.engine.mutate.DescribedRewrite;
import dev.evolve.kernels.EvolveBlock;
import java.util.List;
import java.util.Optional;

/**
 * A rewrite of the evolve block of an OpenCL C variant. Subclasses rewrite the block's body; this
 * class keeps the text outside the block, reports an unchanged body as "does not apply", and
 * turns any exception into {@link Optional#empty()} (a rewrite never throws).
 */
abstract class OpenClRewrite extends DescribedRewrite {

    OpenClRewrite(String name, String description, List<Integer> knobs) {
        super(name, description, knobs);
    }

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
}
