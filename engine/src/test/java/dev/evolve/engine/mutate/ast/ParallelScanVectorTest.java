package dev.evolve.engine.mutate.ast;

import static dev.evolve.engine.mutate.ast.TargetKernels.apply;
import static dev.evolve.engine.mutate.ast.TargetKernels.assertCorrect;
import static dev.evolve.engine.mutate.ast.TargetKernels.seed;
import static dev.evolve.engine.mutate.ast.TargetKernels.withBody;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code scan-parallel-vector}: the two-pass parallel scan with vector chunk sums, against the scalar reference. */
class ParallelScanVectorTest {

    private static final ParallelScan SCAN = new ParallelScan(true);

    /** Sizes under one vector, under K vectors, one short of and one past multiples of 8 and 64, and large. */
    private static final int[] SIZES = {4, 9, 15, 33, 63, 65, 1000, 1 << 16};

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 8, 16})
    void prefixSumSeedGetsVectorChunkSumsAndAScalarRescan(int tasks) {
        String out = apply(SCAN, seed("prefix-sum"), tasks);
        assertThat(Kernels.body(out)).contains("IntStream.range(0, " + tasks + ").parallel().forEach(")
                .contains("sumPartLanes = sumPartLanes.add(DoubleVector.fromArray(SPECIES, x, i));")
                .contains("sumPart += sumPartLanes.reduceLanes(VectorOperators.ADD);")
                .contains("for (int i = iVec; i < iTo; i++)").contains("out[i] = sumPart;");
        assertCorrect("prefix-sum", out, SIZES);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "sum += 2.0 * x[i];",          // not one element: left to the scalar scan
        "sum += x[i + 1 - 1] + 0.0;",
        "sum += x[n - 1 - i];"})
    void refusesSumsOfAnythingButTheElementAtTheIndex(String add) {
        String body = """
                    @Override
                    public void scan(double[] x, double[] out, int n) {
                        double sum = 0.0;
                        for (int i = 0; i < n; i++) {
                            %s
                            out[i] = sum;
                        }
                    }
                """.formatted(add);
        assertThat(SCAN.apply(withBody("prefix-sum", body), 4)).isEmpty();
        assertThat(new ParallelScan().apply(withBody("prefix-sum", body), 4)).as("the scalar scan takes it").isPresent();
    }

    @ParameterizedTest
    @ValueSource(ints = {4})
    void refusesALongSum(int tasks) {
        String body = """
                    @Override
                    public void scan(double[] x, double[] out, int n) {
                        long count = 0L;
                        for (int i = 0; i < n; i++) {
                            count += (long) x[i];
                            out[i] = count;
                        }
                    }
                """;
        assertThat(SCAN.apply(withBody("prefix-sum", body), tasks)).isEmpty();
    }
}
