package dev.evolve.engine.mutate.ast;

import dev.evolve.engine.mutate.Rewrite;
import java.util.ArrayList;
import java.util.List;

/**
 * Named chains of rewrites with their knobs: the hand-picked chain that takes each built-in
 * target's seed to a parallel, vectorized kernel, and the {@code name:knob,...} form a chain is
 * written in. The tool that times each step of a chain is {@code dev.evolve.tools.rewrite.RewriteShowcase}
 * (module {@code benchmarks/tools}).
 */
public final class RewriteChains {

    /** One step of the chain: a rewrite and its knob. */
    public record Step(Rewrite rewrite, int knob) {
        public String label() {
            return rewrite.name() + "(" + knob + ")";
        }
    }

    /** The chain from the naive i-j-k seed to a parallel register-blocked Vector API kernel. */
    public static List<Step> bestChain() {
        return List.of(
                new Step(new LoopInterchange(), 0),
                new Step(new HoistInvariants(), 0),
                new Step(new VectorizeInnerLoop(), 0),
                new Step(new RegisterBlock(), 144),
                new Step(new ParallelizeOuterLoop(), 1));
    }

    /** A chain for each built-in target that takes its seed to a parallel, vectorized kernel where it can. */
    public static List<Step> defaultChain(String target) {
        return switch (target) {
            case "matmul" -> bestChain();
            case "matmul-f32" -> parseChain(target, "interchange:0,hoist:0,vectorize-fma,parallelize:4");
            case "matvec" -> parseChain(target, "vectorize-fma,split-accumulators:4,parallelize:16");
            case "dot" -> parseChain(target, "reduce-parallel:4,vectorize-fma,split-accumulators:4");
            case "histogram" -> parseChain(target, "reduce-parallel:2");
            case "prefix-sum" -> parseChain(target, "scan-blocked-vector:65536");
            case "softmax" -> parseChain(target, "store-reuse,vectorize-fma,parallelize:1");
            case "stencil" -> parseChain(target, "peel-boundary,peel-boundary,vectorize-fma,parallelize:4");
            case "transpose" -> parseChain(target, "tile:641,tile:641,parallelize-loop:0,unroll-jam:81");
            default -> throw new IllegalArgumentException("no default chain for " + target + "; give --chain=");
        };
    }

    private RewriteChains() {
    }

    /** {@code name:knob,name:knob,...} over the matmul library. */
    public static List<Step> parseChain(String spec) {
        return parseChain("matmul", spec);
    }

    /** {@code name:knob,name:knob,...} over a target's library. */
    public static List<Step> parseChain(String target, String spec) {
        List<Step> steps = new ArrayList<>();
        for (String part : spec.split(",")) {
            String[] nameKnob = part.trim().split(":");
            // the target's own rewrites first, then those offered to any kernel (schedule rewrites, reciprocal)
            List<Rewrite> offered = new ArrayList<>(RewriteLibrary.forTarget(target));
            offered.addAll(RewriteLibrary.schedule());
            offered.add(new HoistReciprocal());
            Rewrite rewrite = offered.stream().filter(r -> r.name().equals(nameKnob[0])).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no rewrite named " + nameKnob[0]));
            int knob = nameKnob.length > 1 ? Integer.parseInt(nameKnob[1]) : rewrite.knobs().getFirst();
            if (!rewrite.knobs().contains(knob)) {
                throw new IllegalArgumentException(rewrite.name() + " takes knobs " + rewrite.knobs() + ", not " + knob);
            }
            steps.add(new Step(rewrite, knob));
        }
        return steps;
    }
}
