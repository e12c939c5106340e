package dev.evolve.engine.mutate.ast;

import java.util.List;
import java.util.Optional;

/** One source-to-source rewrite a performance engineer would try. */
public interface Rewrite {
    String name();                        // stable id, e.g. "interchange-ikj", "vectorize-fma"
    String description();                 // one line
    List<Integer> knobs();                // the knob values this rewrite takes (tile sizes, unroll factors, ...); List.of(0) if none
    /** The full rewritten source, or empty when the rewrite does not apply. Only the evolve block may change. */
    Optional<String> apply(String source, int knob);
}
