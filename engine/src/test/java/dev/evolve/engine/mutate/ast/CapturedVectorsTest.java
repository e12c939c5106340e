package dev.evolve.engine.mutate.ast;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.kernels.EvolveBlock;
import org.junit.jupiter.api.Test;

class CapturedVectorsTest {

    private static final String V = "jdk.incubator.vector.DoubleVector";

    private static String body(String beforeLoop, String rowStart) {
        return """
                private static final jdk.incubator.vector.VectorSpecies<Double> SPECIES = %1$s.SPECIES_PREFERRED;

                @Override
                public void multiply(double[] a, double[] b, double[] c, int n) {
                    %2$s
                    java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
                        %3$s
                        for (int j = 0; j < n; j++) {
                            double sum = zero.reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
                            for (int k = 0; k < n; k++) {
                                sum += a[i * n + k] * b[k * n + j];
                            }
                            c[i * n + j] = sum * s.lane(0);
                        }
                    });
                }
                """.formatted(V, beforeLoop, rowStart);
    }

    private static String localized(String source) {
        return printed(source, true);
    }

    /** The source as the rewrites print it, with or without the pass. */
    private static String printed(String source, boolean localize) {
        BlockUnit unit = BlockUnit.parse(source, EvolveBlock.of(source).orElseThrow()).orElseThrow();
        if (localize) {
            CapturedVectors.localize(unit);
        }
        return EvolveBlock.of(source).orElseThrow().withBody(unit.render());
    }

    @Test
    void aBroadcastConstantIsMadeAgainInsideTheLambdaAndTheKernelStaysCorrect() {
        String source = Shapes.withBody(body("""
                double one = 1.0;
                %1$s zero = %1$s.broadcast(SPECIES, (double) (one - 1.0));
                double scale = 2.0;
                scale = scale / 2.0;
                %1$s s = %1$s.broadcast(SPECIES, scale);
                """.formatted(V), ""));
        String out = localized(source);
        String lambda = out.substring(out.indexOf("forEach(i ->"));
        assertThat(lambda).contains(V + " zeroIn = " + V + ".broadcast(SPECIES, (double) (one - 1.0));")
                .contains("zeroIn.reduceLanes").doesNotContain(" zero.");
        // its argument is reassigned before the loop: the copy could differ, so the capture stays
        assertThat(lambda).doesNotContain("sIn").contains("s.lane(0)");
        Kernels.assertCorrect(out, Kernels.SIZES);
    }

    @Test
    void vectorsThatReadMemoryOrAreNotCapturedAreLeftAlone() {
        String readsMemory = Shapes.withBody(body("""
                %1$s zero = %1$s.fromArray(SPECIES, new double[SPECIES.length()], 0);
                %1$s s = %1$s.zero(SPECIES).add(1.0);
                """.formatted(V), ""));
        assertThat(localized(readsMemory)).isEqualTo(printed(readsMemory, false));
        String insideAlready = Shapes.withBody(body("", """
                %1$s zero = %1$s.zero(SPECIES);
                %1$s s = %1$s.broadcast(SPECIES, 1.0);
                """.formatted(V)));
        assertThat(localized(insideAlready)).isEqualTo(printed(insideAlready, false));
    }

    @Test
    void everyAstRewriteLocalizesWhatItsLambdaCaptures() {
        // the serial vector tile declares its zero accumulator before the row loop; parallelizing that loop captures it
        String tiled = Kernels.apply(new VectorRegisterTile(dev.evolve.engine.mutate.loops.Aliasing.DISTINCT_PARAMETERS, false),
                Kernels.SEED, 41);
        String parallel = Kernels.apply(new ParallelizeOuterLoop(), tiled, 1);
        String lambda = parallel.substring(parallel.indexOf(".parallel().forEach("));
        assertThat(lambda).containsPattern("DoubleVector \\w+In = ");
        Kernels.assertCorrect(parallel, Kernels.SIZES);
    }
}
