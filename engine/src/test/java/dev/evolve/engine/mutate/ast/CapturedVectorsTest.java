package dev.evolve.engine.mutate.ast;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.NameExpr;
import dev.evolve.engine.mutate.loops.Aliasing;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Parallel lambdas never capture a vector local (C2 leaves a captured vector boxed: each operation allocates): the
 * parallel vector tile declares its broadcasts inside the lambda, and parallelize over a sequential tile re-declares
 * them there.
 */
class CapturedVectorsTest {

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
            assertThat(out).contains(".parallel().forEach(", "Task = jdk.incubator.vector.DoubleVector.broadcast(SPECIES, (double) (bias));");
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
