package dev.evolve.engine.mutate.ast;

import dev.evolve.engine.mutate.loops.Aliasing;
import java.util.List;

/**
 * Base of the loop rewrites whose legality rests on the dependence test: they find their sites with
 * {@link ScheduleSites} under one assumption about whether array parameters may share storage.
 */
abstract class DependenceRewrite extends AstRewrite {

    /** What the dependence test assumes of array parameters. */
    final Aliasing aliasing;

    DependenceRewrite(String name, String description, List<Integer> knobs, Aliasing aliasing) {
        super(name, description, knobs);
        this.aliasing = aliasing;
    }
}
