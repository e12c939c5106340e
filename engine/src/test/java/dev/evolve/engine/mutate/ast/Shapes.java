package dev.evolve.engine.mutate.ast;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.stmt.ForStmt;
import java.util.List;

/** Test support: variants along the chain, and structural views of a source. */
final class Shapes {

    private Shapes() {
    }

    static String ikj() {
        return Kernels.apply(new LoopInterchange(), Kernels.SEED, 0);
    }

    static String hoisted() {
        return Kernels.apply(new HoistInvariants(), ikj(), 0);
    }

    static String vectorized() {
        return Kernels.apply(new VectorizeInnerLoop(), hoisted(), 0);
    }

    static String registerBlocked(int knob) {
        return Kernels.apply(new RegisterBlock(), vectorized(), knob);
    }

    /** The loop variables of all for loops, in source order. */
    static List<String> loopVars(String source) {
        CompilationUnit cu = BlockUnit.newParser().parse(source).getResult().orElseThrow();
        return cu.findAll(ForStmt.class).stream()
                .map(f -> Loops.counted(f).map(Loops.Counted::var).orElse("?"))
                .toList();
    }

    /** A variant of the seed with another evolve block body. */
    static String withBody(String body) {
        return dev.evolve.kernels.EvolveBlock.of(Kernels.SEED).orElseThrow().withBody(body);
    }
}
