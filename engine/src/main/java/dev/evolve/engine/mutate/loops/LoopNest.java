package dev.evolve.engine.mutate.loops;

import com.github.javaparser.ast.body.MethodDeclaration;
import java.util.ArrayList;
import java.util.List;

/**
 * A modelled nest: its outermost loop, every access in it in source order, its reductions, and the storage
 * facts the dependence test needs ({@code fresh}: roots allocated in the block, which alias nothing else).
 */
public record LoopNest(MethodDeclaration method, Loop root, List<Access> accesses, List<Reduction> reductions,
                       java.util.Set<String> fresh) {

    public LoopNest {
        accesses = List.copyOf(accesses);
        reductions = List.copyOf(reductions);
        fresh = java.util.Set.copyOf(fresh);
    }

    /** Every loop of the nest, outer before inner, in source order. */
    public List<Loop> loops() {
        List<Loop> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(Loop l, List<Loop> out) {
        out.add(l);
        l.children().forEach(c -> collect(c, out));
    }

    /** The longest perfect band in the nest (the first one of that length). */
    public List<Loop> longestBand() {
        List<Loop> best = List.of();
        for (Loop l : loops()) {
            List<Loop> band = l.band();
            if (band.size() > best.size()) {
                best = band;
            }
        }
        return best;
    }
}
