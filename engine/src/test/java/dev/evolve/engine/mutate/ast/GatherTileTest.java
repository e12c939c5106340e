package dev.evolve.engine.mutate.ast;

import static dev.evolve.engine.mutate.ast.TargetKernels.apply;
import static dev.evolve.engine.mutate.ast.TargetKernels.assertCorrect;
import static dev.evolve.engine.mutate.ast.TargetKernels.seed;
import static dev.evolve.engine.mutate.ast.TargetKernels.withBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.engine.mutate.loops.Aliasing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code gather-tile}: strided copies as strips of vector gathers in parallel bands, checked against the reference. */
class GatherTileTest {

    private static final GatherTile GATHER = new GatherTile(Aliasing.DISTINCT_PARAMETERS);

    /** Sizes beyond the target's check sizes: under one vector, one short of and one past multiples of 8 and 64. */
    private static final int[] SIZES = {4, 7, 9, 15, 63, 65, 1000};

    @ParameterizedTest
    @ValueSource(ints = {16, 32, 64})
    void transposeSeedBecomesParallelGatherStrips(int band) {
        String out = apply(GATHER, seed("transpose"), band);
        assertThat(Kernels.body(out)).contains(".parallel().forEach(")
                .contains("DoubleVector.fromArray(SPECIES, a, i * n + j, aLanes, 0).intoArray(out, j * n + i);")
                .contains("out[j * n + i] = a[i * n + j];").contains(" * " + band + ";");
        assertCorrect("transpose", out, SIZES);
    }

    @Test
    void laneLoopMayBeTheInnerOneAndStartAnywhere() {
        String body = """
                    @Override
                    public void transpose(double[] a, double[] out, int n) {
                        for (int j = 0; j < n; j++) {
                            out[j * n] = a[j];
                        }
                        for (int j = 0; j < n; j++) {
                            for (int i = 1; i < n; i++) {
                                out[j * n + i] = a[i * n + j];
                            }
                        }
                    }
                """;
        String out = apply(GATHER, withBody("transpose", body), 16);
        assertThat(Kernels.body(out)).contains("int iFrom = 1 + task * 16;").contains("out[j * n] = a[j];");
        assertCorrect("transpose", out, SIZES);
    }

    @Test
    void gatherTileOnceIsEnough() {
        String once = apply(GATHER, seed("transpose"), 32);
        assertThat(GATHER.apply(once, 32)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "a[j * n + i] = a[i * n + j];",             // in place: iterations read what others write
        "out[i * n + j] = a[i * n + j];",           // both unit-stride: a plain copy, nothing to gather
        "out[j * n + i] = 2.0 * a[i * n + j];",     // not a copy
        "out[j * n + i] = a[i * n + j]; out[0] = 0.0;",
        "out[j * n + i] = a[i * j + j];",           // the read's stride along i depends on j
        "out[i * j + i] = a[i * n + j];"})          // the write's stride along i is not 1
    void refusesWhatIsNotAnIndependentStridedCopy(String statement) {
        String body = """
                    @Override
                    public void transpose(double[] a, double[] out, int n) {
                        for (int i = 0; i < n; i++) {
                            for (int j = 0; j < n; j++) {
                                %s
                            }
                        }
                    }
                """.formatted(statement);
        assertThat(GATHER.apply(withBody("transpose", body), 32)).isEmpty();
    }

    @Test
    void refusesTriangularAndDeeperNests() {
        String triangular = """
                    @Override
                    public void transpose(double[] a, double[] out, int n) {
                        for (int i = 0; i < n; i++) {
                            for (int j = 0; j <= i; j++) {
                                out[j * n + i] = a[i * n + j];
                                out[i * n + j] = a[j * n + i];
                            }
                        }
                    }
                """;
        String deeper = """
                    @Override
                    public void transpose(double[] a, double[] out, int n) {
                        for (int r = 0; r < 1; r++) {
                            for (int i = 0; i < n; i++) {
                                for (int j = 0; j < n; j++) {
                                    out[j * n + i] = a[i * n + j];
                                }
                            }
                        }
                    }
                """;
        String triangularCopy = triangular.replace("""
                                out[i * n + j] = a[j * n + i];
                """, "");
        assertThat(GATHER.apply(withBody("transpose", triangular), 32)).isEmpty();
        assertThat(GATHER.apply(withBody("transpose", triangularCopy), 32)).isEmpty();
        assertThat(GATHER.apply(withBody("transpose", deeper), 32)).isEmpty();
    }
}
