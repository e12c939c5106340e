package dev.evolve.engine.mutate.ast;

import dev.evolve.engine.mutate.DescribedRewrite;
import dev.evolve.kernels.EvolveBlock;
import java.util.List;
import java.util.Optional;

/**
 * Base of the JavaParser rewrites: splits the evolve block, parses it fresh, lets the subclass edit
 * the members, prints them back between the untouched surroundings, and turns every failure into
 * {@link Optional#empty()}. Vector constants a lambda captures are re-created inside it ({@link CapturedVectors}).
 */
abstract class AstRewrite extends DescribedRewrite {

    AstRewrite(String name, String description, List<Integer> knobs) {
        super(name, description, knobs);
    }

    @Override
    public final Optional<String> apply(String source, int knob) {
        if (source == null || !knobs().contains(knob)) {
            return Optional.empty();
        }
        try {
            Optional<EvolveBlock> block = EvolveBlock.of(source);
            if (block.isEmpty()) {
                return Optional.empty();
            }
            Optional<BlockUnit> unit = BlockUnit.parse(source, block.get());
            if (unit.isEmpty() || !rewrite(unit.get(), knob)) {
                return Optional.empty();
            }
            CapturedVectors.localize(unit.get());
            String out = block.get().withBody(unit.get().render());
            if (out.equals(source) || !BlockUnit.parses(out)) {
                return Optional.empty();
            }
            return Optional.of(out);
        } catch (RuntimeException | StackOverflowError e) {
            // a rewrite that trips over an unexpected shape simply does not apply
            return Optional.empty();
        }
    }

    /** Edits the block in place; false when the rewrite does not apply (the unit is then discarded). */
    abstract boolean rewrite(BlockUnit unit, int knob);
}
