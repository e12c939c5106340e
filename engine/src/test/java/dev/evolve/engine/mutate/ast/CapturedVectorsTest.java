package dev.evolve.engine.mutate.ast;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.NameExpr;
import dev.evolve.engine.mutate.loops.Aliasing;
import dev.evolve.kernels.EvolveBlock;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Lambdas never capture a vector constant (C2 leaves a captured vector boxed: each operation allocates): every AST
 * rewrite's output declares it again inside the lambda, and the parallel vector tile declares its broadcasts there.
 */
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

    /** ata with a non-zero start value: its broadcast is an invariant vector of the tile. */
    private static final String SCALED = LoopKernels.source("""
            public void run(int n, double[] a, double[] out) {
                double bias = 0.5;
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        double sum = bias;
                        for (int k = 0; k < n; k++) {
                            sum += a[k * n + i] * a[k * n + j];
                        }
                        out[i * n + j] = sum * 2.0;
                    }
                }
            }""", false);

    /** The names a lambda of the source reads that are declared outside it with a vector type. */
    private static Set<String> capturedVectors(String source) {
        var cu = BlockUnit.newParser().parse(source).getResult().orElseThrow();
        Set<String> vectors = cu.findAll(com.github.javaparser.ast.body.VariableDeclarator.class).stream()
                .filter(d -> d.getType().asString().endsWith("Vector")).map(d -> d.getNameAsString())
                .collect(Collectors.toSet());
        return cu.findAll(LambdaExpr.class).stream().flatMap(l -> l.findAll(NameExpr.class).stream()
                        .map(NameExpr::getNameAsString)
                        .filter(vectors::contains)
                        .filter(name -> l.findAll(com.github.javaparser.ast.body.VariableDeclarator.class).stream()
                                .noneMatch(d -> d.getNameAsString().equals(name))))
                .collect(Collectors.toSet());
    }

    @Test
    void theParallelTileDeclaresItsBroadcastsInsideTheLambda() {
        VectorRegisterTile parallel = new VectorRegisterTile(Aliasing.DISTINCT_PARAMETERS, true);
        for (int knob : new int[] {21, 42, 64}) {
            String out = parallel.apply(SCALED, knob).orElseThrow();
            assertThat(out).contains(".parallel().forEach(", "DoubleVector.broadcast(SPECIES, (double) (bias))");
            assertThat(capturedVectors(out)).as(out).isEmpty();
            LoopKernels.assertSameResults(SCALED, out);
        }
    }

    @Test
    void parallelizingASequentialTileRedeclaresItsVectorsInTheLambda() {
        VectorRegisterTile tile = new VectorRegisterTile(Aliasing.DISTINCT_PARAMETERS, false);
        String tiled = tile.apply(SCALED, 42).orElseThrow();
        assertThat(capturedVectors(tiled)).isEmpty();
        for (int knob : new ParallelizeOuterLoop().knobs()) {
            String out = new ParallelizeOuterLoop().apply(tiled, knob).orElseThrow();
            assertThat(out).contains(".parallel().forEach(", "In = jdk.incubator.vector.DoubleVector.broadcast(SPECIES, (double) (bias));");
            assertThat(capturedVectors(out)).as(out).isEmpty();
            LoopKernels.assertSameResults(SCALED, out);
        }
    }

    @Test
    void aVectorAssignedTwiceStaysCaptured() {
        // a vector local assigned after its declaration cannot be captured at all: parallelize refuses the loop
        String reassigned = LoopKernels.source("""
                public void run(int n, double[] a, double[] out) {
                    DoubleVector v = DoubleVector.zero(DoubleVector.SPECIES_PREFERRED);
                    v = v.add(1.0);
                    for (int i = 0; i < n; i++) {
                        out[i] = a[i] + v.lane(0);
                    }
                }""", true);
        assertThat(new ParallelizeOuterLoop().apply(reassigned, 1)).isEmpty();
    }
}
