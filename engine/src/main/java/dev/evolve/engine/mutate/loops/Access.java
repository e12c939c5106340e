package dev.evolve.engine.mutate.loops;

import com.github.javaparser.ast.Node;
import java.util.List;
import java.util.Optional;

/**
 * One read or write in a nest: an array element ({@code subscripts} holds one polynomial per bracket, empty where
 * a bracket is not affine) or a scalar local (no subscripts). {@code root} names the storage: an array parameter,
 * an element of one ({@code in[0]}), a fresh array of the block, or the scalar itself. {@code loops} are the loops
 * around the access, outermost first; {@code privateDepth} is, for a scalar declared inside the nest, how many of
 * them enclose its declaration (its value does not survive their iterations).
 */
public record Access(String root, boolean scalar, List<Optional<Poly>> subscripts, boolean write, List<Loop> loops,
                     int privateDepth, Node node, int order) {

    public Access {
        subscripts = List.copyOf(subscripts);
        loops = List.copyOf(loops);
    }

    /** Whether every bracket's subscript is affine. */
    public boolean affine() {
        return subscripts.stream().allMatch(Optional::isPresent);
    }
}
