package dev.evolve.engine.mutate.ast;

import static dev.evolve.engine.mutate.ast.TargetKernels.apply;
import static dev.evolve.engine.mutate.ast.TargetKernels.assertCorrect;
import static dev.evolve.engine.mutate.ast.TargetKernels.seed;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rewrites for the kernels other than matmul, applied to their seeds: each result compiles and is correct. */
class KernelRewritesTest {

    private static String body(String source) {
        return Kernels.body(source);
    }

    // dot

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 8, 16, 64})
    void dotSumRunsAsParallelTasks(int tasks) {
        String out = apply(new ParallelReduction(), seed("dot"), tasks);
        assertThat(body(out)).contains("sum += IntStream.range(0, " + tasks + ").parallel().mapToDouble(task -> {")
                .contains("sumPart += x[i] * y[i];").contains("}).sum();");
        assertCorrect("dot", out);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 8})
    void dotSumGetsIndependentAccumulators(int k) {
        String out = apply(new SplitAccumulators(), seed("dot"), k);
        assertThat(body(out)).contains("sum" + k + " += x[(i + " + (k - 1) + ")] * y[(i + " + (k - 1) + ")];")
                .contains("i += " + k + ")");
        assertCorrect("dot", out);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 8})
    void dotVectorLoopGetsIndependentVectorAccumulators(int k) {
        String vectorized = apply(new VectorizeInnerLoop(), seed("dot"), 0);
        String out = apply(new SplitAccumulators(), vectorized, k);
        assertThat(body(out)).contains("DoubleVector sumLanes2 = DoubleVector.zero(SPECIES);")
                .contains("i += " + k + " * SPECIES.length()")
                .contains("sumLanes = sumLanes.add(sumLanes2)");
        assertCorrect("dot", out);
        // the remainder vector loop and the scalar tail are not split again: the next split finds nothing new
        assertThat(new SplitAccumulators().apply(out, k)).isEmpty();
    }

    @Test
    void dotParallelTasksWithVectorAccumulators() {
        String s = apply(new ParallelReduction(), seed("dot"), 4);
        s = apply(new VectorizeInnerLoop(), s, 0);
        s = apply(new SplitAccumulators(), s, 4);
        assertThat(body(s)).contains(".parallel().mapToDouble(").contains("sumPartLanes4 = DoubleVector.fromArray(SPECIES, x, (i + (3 * SPECIES.length())))");
        assertCorrect("dot", s, 100_003);
    }

    // histogram

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 8, 16, 64})
    void histogramCountsInPrivateArraysPerTask(int tasks) {
        String out = apply(new ParallelReduction(), seed("histogram"), tasks);
        assertThat(body(out)).contains("int[][] countsParts = new int[" + tasks + "][];")
                .contains("countsPart[values[i]]++;")
                .contains("counts[b2] += countsPartial[b2];");
        assertCorrect("histogram", out);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 8})
    void histogramGetsCopiesOfTheCounters(int k) {
        String out = apply(new SplitAccumulators(), seed("histogram"), k);
        assertThat(body(out)).contains("int[] counts" + k + " = new int[counts.length];")
                .contains("counts" + k + "[values[(i + " + (k - 1) + ")]]++;");
        assertCorrect("histogram", out);
    }

    @Test
    void histogramTasksWithCounterCopiesInside() {
        String s = apply(new ParallelReduction(), seed("histogram"), 2);
        s = apply(new SplitAccumulators(), s, 4);
        assertThat(body(s)).contains("countsPart4[values[(i + 3)]]++;");
        assertCorrect("histogram", s, 100_001);
    }

    @Test
    void parallelizeLeavesADataIndexedCountLoopSequential() {
        String countsOnly = TargetKernels.withBody("histogram", """
                    @Override
                    public void histogram(int[] values, int[] counts, int n, int bins) {
                        java.util.Arrays.fill(counts, 0);
                        for (int i = 0; i < n; i++) {
                            counts[values[i]]++;
                        }
                    }
                """);
        assertThat(new ParallelizeOuterLoop().apply(countsOnly, 1)).isEmpty();
    }

    // prefix-sum

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 8, 16, 64})
    void prefixSumRunsAsATwoPassParallelScan(int tasks) {
        String out = apply(new ParallelScan(), seed("prefix-sum"), tasks);
        assertThat(body(out)).contains("double[] sumChunks = new double[" + tasks + "];")
                .contains("sumChunks[chunk] = sum;")
                .contains("out[i] = sumPart;");
        assertCorrect("prefix-sum", out, 1 << 16);
    }

    @Test
    void prefixSumsFirstPassVectorizes() {
        assertThat(new VectorizeInnerLoop().apply(seed("prefix-sum"), 0)).as("a scan is no reduction").isEmpty();
        String s = apply(new ParallelScan(), seed("prefix-sum"), 4);
        s = apply(new VectorizeInnerLoop(), s, 0);
        assertThat(body(s)).contains("sumPartLanes = sumPartLanes.add(DoubleVector.fromArray(SPECIES, x, i));");
        assertCorrect("prefix-sum", s, 1 << 16);
    }

    @Test
    void exclusiveScanIsRecognisedToo() {
        String exclusive = TargetKernels.withBody("prefix-sum", """
                    @Override
                    public void scan(double[] x, double[] out, int n) {
                        double sum = x[0];
                        out[0] = sum;
                        for (int i = 1; i < n; i++) {
                            out[i] = sum + x[i];
                            sum += x[i];
                        }
                    }
                """);
        // the store does not read the sum alone: not a scan this rewrite knows
        assertThat(new ParallelScan().apply(exclusive, 4)).isEmpty();
        String storeFirst = TargetKernels.withBody("prefix-sum", """
                    @Override
                    public void scan(double[] x, double[] out, int n) {
                        double sum = x[0];
                        for (int i = 1; i < n; i++) {
                            out[i - 1] = sum;
                            sum += x[i];
                        }
                        out[n - 1] = sum;
                    }
                """);
        String out = apply(new ParallelScan(), storeFirst, 4);
        assertCorrect("prefix-sum", out, 1 << 16);
    }

    // softmax

    @Test
    void softmaxReductionsAndExpVectorize() {
        String out = apply(new VectorizeInnerLoop(), seed("softmax"), 0);
        assertThat(body(out))
                .contains("DoubleVector maxLanes = DoubleVector.broadcast(SPECIES, Double.NEGATIVE_INFINITY);")
                .contains("max = Math.max(max, maxLanes.reduceLanes(VectorOperators.MAX));")
                .contains(".sub(maxV).lanewise(VectorOperators.EXP)")
                .contains(".div(sumV).intoArray(out, i * n + j);");
        assertCorrect("softmax", out);
    }

    @Test
    void softmaxComputesEachExponentialOnce() {
        String out = apply(new StoreAndReuse(), seed("softmax"), 0);
        assertThat(body(out)).contains("double expValue = Math.exp(x[i * n + j] - max);")
                .contains("out[i * n + j] = expValue;")
                .contains("sum += expValue;")
                .contains("out[i * n + j] = out[i * n + j] / sum;");
        assertThat(out.split("Math.exp", -1)).hasSize(2);
        assertCorrect("softmax", out);
        assertThat(new StoreAndReuse().apply(out, 0)).isEmpty();
    }

    @Test
    void softmaxFusedVectorizedAndParallel() {
        String s = apply(new StoreAndReuse(), seed("softmax"), 0);
        s = apply(new VectorizeInnerLoop(), s, 0);
        assertThat(body(s)).contains("DoubleVector expValueV = DoubleVector.fromArray(SPECIES, x, i * n + j).sub(maxV)"
                + ".lanewise(VectorOperators.EXP);").contains("expValueV.intoArray(out, i * n + j);");
        s = apply(new ParallelizeOuterLoop(), s, 1);
        assertThat(body(s)).contains("IntStream.range(0, n).parallel().forEach(i -> {");
        assertCorrect("softmax", s);
    }

    @Test
    void softmaxSumGetsIndependentAccumulators() {
        String out = apply(new SplitAccumulators(), seed("softmax"), 4);
        assertThat(body(out)).contains("sum4 += Math.exp(x[i * n + (j + 3)] - max);");
        assertCorrect("softmax", out);
    }

    // stencil

    @Test
    void stencilBoundaryIsPeeledAndTheInteriorLosesItsBranch() {
        String once = apply(new PeelBoundary(), seed("stencil"), 0);
        // the peeled rows read their row number as a value (0, n - 1), not through a local named like the loop
        assertThat(body(once)).contains("if (0 < n) {").contains("for (int i = 1; i < n - 1; i++)")
                .contains("if (j == 0 || j == n - 1)").contains("if (n - 1 > 0) {").contains("out[(n - 1) * n + j]")
                .doesNotContain("int i = 0;").doesNotContain("int i = n - 1;");
        assertCorrect("stencil", once);
        String twice = apply(new PeelBoundary(), once, 0);
        assertThat(body(twice)).contains("for (int j = 1; j < n - 1; j++) { out[i * n + j] = 0.25 * (")
                .doesNotContain("j == 0");
        assertCorrect("stencil", twice);
        assertThat(new PeelBoundary().apply(twice, 0)).isEmpty();
        // knob 1 peels both loops in one step
        assertThat(apply(new PeelBoundary(), seed("stencil"), 1)).isEqualTo(twice);
    }

    @Test
    void stencilInteriorVectorizesWithOffsetIndices() {
        String s = apply(new PeelBoundary(), seed("stencil"), 0);
        s = apply(new PeelBoundary(), s, 0);
        s = apply(new VectorizeInnerLoop(), s, 0);
        assertThat(body(s)).contains("DoubleVector.fromArray(SPECIES, in, i * n + j - 1)")
                .contains("DoubleVector.fromArray(SPECIES, in, (i - 1) * n + j)");
        assertCorrect("stencil", s);
        s = apply(new ParallelizeOuterLoop(), s, 4);
        assertThat(body(s)).contains(".parallel().forEach(");
        assertCorrect("stencil", s);
    }

    @Test
    void aLoopTestedAtAnotherIndexIsNotPeeled() {
        String middle = TargetKernels.withBody("stencil", """
                    @Override
                    public void step(double[] in, double[] out, int n) {
                        for (int i = 0; i < n * n; i++) {
                            if (i == 0 || i == n) {
                                out[i] = in[i];
                            } else {
                                out[i] = in[i];
                            }
                        }
                    }
                """);
        assertThat(new PeelBoundary().apply(middle, 0)).isEmpty();
    }

    // transpose

    @ParameterizedTest
    @ValueSource(ints = {8, 16, 32, 64})
    void transposeIsTiled(int tile) {
        String out = apply(new TileLoopNest(), seed("transpose"), tile);
        assertThat(body(out)).contains("private static final int TILE = " + tile + ";")
                .contains("for (int iTile = 0; iTile < n; iTile += TILE)")
                .contains("for (int j = jTile; j < jEnd; j++)");
        assertCorrect("transpose", out, 1000);
        assertThat(new TileLoopNest().apply(out, tile)).as("already tiled").isEmpty();
    }

    @Test
    void tiledTransposeRunsRowTilesInParallelAndTunesItsTile() {
        String s = apply(new TileLoopNest(), seed("transpose"), 32);
        s = apply(new ParallelizeOuterLoop(), s, 1);
        assertThat(body(s)).contains("parallel().forEach(iTileTask -> {");
        assertCorrect("transpose", s, 1000);
        String tuned = apply(new TuneConstant(), s, 1);
        assertThat(tuned).contains("TILE = 48;");
        assertCorrect("transpose", tuned, 1000);
    }

    // matmul-f32

    @Test
    void floatMatmulVectorizesWithFloatVectors() {
        String s = apply(new LoopInterchange(), seed("matmul-f32"), 0);
        s = apply(new HoistInvariants(), s, 0);
        s = apply(new VectorizeInnerLoop(), s, 0);
        assertThat(body(s)).contains("private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;")
                .contains("FloatVector aikV = FloatVector.broadcast(SPECIES, aik);")
                .contains(".fma(FloatVector.fromArray(SPECIES, b, kN + j), FloatVector.fromArray(SPECIES, c, iN + j))")
                .doesNotContain("DoubleVector");
        assertCorrect("matmul-f32", s);
        s = apply(new ParallelizeOuterLoop(), s, 4);
        assertCorrect("matmul-f32", s);
    }

    @Test
    void floatDotProductFormReducesInFloatLanes() {
        String dot = TargetKernels.withBody("matmul-f32", """
                    @Override
                    public void multiply(float[] a, float[] b, float[] c, int n) {
                        float[] bT = new float[n * n];
                        for (int r = 0; r < n; r++) {
                            for (int q = 0; q < n; q++) {
                                bT[q * n + r] = b[r * n + q];
                            }
                        }
                        for (int i = 0; i < n; i++) {
                            for (int j = 0; j < n; j++) {
                                float sum = 0.0f;
                                for (int k = 0; k < n; k++) {
                                    sum += a[i * n + k] * bT[j * n + k];
                                }
                                c[i * n + j] = sum;
                            }
                        }
                    }
                """);
        String out = apply(new VectorizeInnerLoop(), dot, 0);
        assertThat(body(out)).contains("FloatVector sumLanes = FloatVector.zero(SPECIES);")
                .contains("sum += sumLanes.reduceLanes(VectorOperators.ADD);");
        assertCorrect("matmul-f32", out);
    }

    // matvec

    @Test
    void matvecRowsInParallelWithVectorAccumulators() {
        String s = apply(new VectorizeInnerLoop(), seed("matvec"), 0);
        s = apply(new SplitAccumulators(), s, 4);
        s = apply(new ParallelizeOuterLoop(), s, 16);
        assertThat(body(s)).contains("sumLanes4").contains(".parallel().forEach(");
        assertCorrect("matvec", s);
    }
}
