package dev.evolve.engine.mutate.opencl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.engine.mutate.Rewrite;
import dev.evolve.eval.opencl.OpenClStaticCheck;
import dev.evolve.kernels.EvolveBlock;
import dev.evolve.kernels.opencl.Knobs;
import dev.evolve.kernels.opencl.OpenClTarget;
import dev.evolve.kernels.opencl.OpenClTargets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The text side of the OpenCL rewrites; {@link OpenClRewritesDeviceTest} builds and runs what they make. */
class OpenClRewritesTest {

    private static final OpenClTarget MATMUL = OpenClTargets.require("matmul-opencl");

    private static Rewrite rewrite(String target, String name) {
        return OpenClRewrites.forTarget(target).stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void everyTargetHasKnobTuningAndAStructuralRewriteWithUniqueNames() {
        for (OpenClTarget t : OpenClTargets.all()) {
            List<Rewrite> rewrites = OpenClRewrites.forTarget(t.name());
            assertThat(rewrites).extracting(Rewrite::name).contains("tune-knob").doesNotHaveDuplicates();
            assertThat(rewrites).hasSizeGreaterThanOrEqualTo(2);
        }
        assertThat(OpenClRewrites.forTarget("matmul")).isEmpty();
    }

    @Test
    void tuneKnobMovesOneDefineOneRungAndNothingElse() {
        Rewrite tune = rewrite("matmul-opencl", "tune-knob");
        String up = tune.apply(MATMUL.seedSource(), 1).orElseThrow();        // LOCAL_X up
        assertThat(Knobs.parse(up).values()).containsEntry("LOCAL_X", 12).containsEntry("LOCAL_Y", 8);
        String down = tune.apply(MATMUL.seedSource(), 2).orElseThrow();      // LOCAL_Y down
        assertThat(Knobs.parse(down).values()).containsEntry("LOCAL_Y", 6).containsEntry("LOCAL_X", 8);
        assertThat(tune.apply(MATMUL.seedSource(), 4)).isEmpty();           // WPT_X is 1: nothing below
        assertThat(tune.apply(MATMUL.seedSource(), 15)).isEmpty();          // no eighth define
        assertThat(TuneKnob.neighbour(256, true)).isEqualTo(256);
        assertThat(TuneKnob.neighbour(10, true)).isEqualTo(12);
        assertThat(TuneKnob.neighbour(10, false)).isEqualTo(8);
        assertThat(up.replace("#define LOCAL_X 12", "#define LOCAL_X 8")).isEqualTo(MATMUL.seedSource());
    }

    @Test
    void templatesKeepTheParentsWorkGroupAndOnlyTheBlockChanges() {
        String parent = MATMUL.seedSource().replace("#define LOCAL_X 8", "#define LOCAL_X 16");
        String tiled = rewrite("matmul-opencl", "local-tiles").apply(parent, 32).orElseThrow();
        Knobs k = Knobs.parse(tiled);
        assertThat(k.values()).containsEntry("LOCAL_X", 16).containsEntry("LOCAL_Y", 8).containsEntry("TILE", 32)
                .containsEntry("WPT_X", 1);
        assertThat(tiled).contains("__local float as[LOCAL_Y][TILE];");
        assertThat(OpenClStaticCheck.violations(MATMUL, tiled)).isEmpty();
        assertThat(EvolveBlock.of(tiled).orElseThrow().before()).isEqualTo(EvolveBlock.of(parent).orElseThrow().before());

        String vector = rewrite("matmul-opencl", "vector-loads").apply(parent, 8).orElseThrow();
        assertThat(Knobs.parse(vector).values()).containsEntry("WPT_X", 8).containsEntry("WPT_Y", 4)
                .containsEntry("VW", 8);
        // applied again with the same knob: the same kernel, so it does not apply
        assertThat(rewrite("matmul-opencl", "vector-loads").apply(vector, 8)).isEmpty();
        assertThat(rewrite("matmul-opencl", "local-tiles").apply(parent, 5)).isEmpty();   // not one of its knobs
        assertThat(rewrite("matmul-opencl", "local-tiles").apply("no block here", 8)).isEmpty();
    }

    @Test
    void unrollPutsOrReplacesAPragmaBeforeTheSummedLoop() {
        Rewrite unroll = rewrite("matmul-opencl", "unroll");
        String four = unroll.apply(MATMUL.seedSource(), 4).orElseThrow();
        assertThat(four).contains("        #pragma unroll 4\n        for (int k = 0; k < n; k++) {");
        String eight = unroll.apply(four, 8).orElseThrow();
        assertThat(eight).contains("#pragma unroll 8\n        for (int k").doesNotContain("#pragma unroll 4");
        assertThat(unroll.apply(eight, 8)).isEmpty();
        Optional<String> transpose = unroll.apply(OpenClTargets.require("transpose-opencl").seedSource(), 4);
        assertThat(transpose).isEmpty();   // no loop to unroll
    }
}
