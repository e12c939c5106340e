package dev.evolve.engine.mutate.ast;

import java.util.List;

/** The registry of rule-based rewrites, in a stable order (the order a performance engineer would try them). */
public final class RewriteLibrary {

    private RewriteLibrary() {
    }

    /** Rewrites for the matmul target; the list and its order are stable across calls. */
    public static List<Rewrite> forMatmul() {
        return List.of(
                new LoopInterchange(),
                new HoistInvariants(),
                new ParallelizeOuterLoop(),
                new VectorizeInnerLoop(),
                new RegisterBlock(),
                new StripMineLoop(),
                new UnrollInnerLoop(),
                new TransposeOperand(),
                new TuneConstant());
    }
}
