package dev.evolve.engine.mutate.ast;

import static dev.evolve.engine.mutate.ast.TargetKernels.apply;
import static dev.evolve.engine.mutate.ast.TargetKernels.assertCorrect;
import static dev.evolve.engine.mutate.ast.TargetKernels.seed;
import static dev.evolve.engine.mutate.ast.TargetKernels.withBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.cascade.Cascade;
import dev.evolve.kernels.KernelTarget;
import dev.evolve.kernels.Targets;
import dev.evolve.kernels.prefixsum.PrefixSumKernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code scan-blocked(-vector)}: the one-pass blocked parallel scan, against the scalar reference and the real cascade. */
class BlockedScanTest {

    @RegisterExtension
    static final CascadeWorkers WORKERS = new CascadeWorkers();

    private static final BlockedScan VECTOR = new BlockedScan(true);
    private static final BlockedScan SCALAR = new BlockedScan(false);

    /** Around one and several blocks of the smallest knob, under one vector per quarter, and large. */
    private static final int[] SIZES = {4, 9, 33, 4095, 4096, 4097, 3 * 4096 + 5, 8 * 4096 + 1, (1 << 16) + 3, 300_001};

    @ParameterizedTest
    @ValueSource(ints = {4096, 8192, 16384, 32768, 65536})
    void prefixSumSeedBecomesAOnePassBlockedScan(int block) {
        String out = apply(VECTOR, seed("prefix-sum"), block);
        assertThat(Kernels.body(out))
                .contains("IntStream.range(0, Math.min(sumBlocks, 8)).parallel().forEach(")
                .contains("(long) iEnd - iFirst + " + (block - 1) + ") / " + block + ")")
                .contains("sumClaimed.getAndIncrement()")
                .contains("sumPart0Lanes = sumPart0Lanes.add(DoubleVector.fromArray(SPECIES, x, i));")
                .contains("sumPart3Lanes = sumPart3Lanes.add(DoubleVector.fromArray(SPECIES, x, i + 3 * iQuarter));")
                .contains("Thread.onSpinWait();")
                .contains("sumState[block].set(1);").contains("sumState[block].set(2);")
                .contains("out[(i + 2 * iQuarter)] = sumRun2;")
                .contains("sum = sumPrefix[sumBlocks - 1];");
        assertCorrect("prefix-sum", out, SIZES);
    }

    /**
     * Every path of the look back gives the same prefixes: with the states it reads capped at "total published"
     * it adds totals back to the first block, and capped at "nothing published" it sums every block before
     * its own itself (what a task does when the tasks of earlier blocks were descheduled).
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void lookingBackOverTotalsOrSummingEarlierBlocksGivesTheSamePrefixes(int cap) {
        for (BlockedScan r : new BlockedScan[] {VECTOR, SCALAR}) {
            String out = apply(r, seed("prefix-sum"), 4096);
            String capped = out.replace("sumState[back].get()", "Math.min(" + cap + ", sumState[back].get())");
            assertThat(capped).as("the look back reads the states").isNotEqualTo(out);
            assertCorrect("prefix-sum", capped, 4095, 4097, 3 * 4096 + 5, 8 * 4096 + 1);
        }
    }

    @Test
    void scalarBlockSumsAreCorrectToo() {
        String out = apply(SCALAR, seed("prefix-sum"), 4096);
        assertThat(Kernels.body(out)).doesNotContain("DoubleVector").contains("sumPart1 += x[(i + iQuarter)];");
        assertCorrect("prefix-sum", out, SIZES);
    }

    @Test
    void emptyAndSingleElementScansLeaveNothingOrOneElement() {
        PrefixSumKernel k = (PrefixSumKernel) TargetKernels.load(TargetKernels.target("prefix-sum"),
                apply(VECTOR, seed("prefix-sum"), 4096));
        k.scan(new double[0], new double[0], 0);
        double[] out = {7.0, 7.0};
        k.scan(new double[] {2.5, 1.0}, out, 1);
        assertThat(out).containsExactly(2.5, 7.0);
    }

    @Test
    void theRunningSumEndsAtTheTotalAndAnOffsetRangeIsScanned() {
        // from 1, to n - 1, the first and last element outside the loop, the last one read from the sum
        String body = """
                    @Override
                    public void scan(double[] x, double[] out, int n) {
                        double sum = x[0];
                        out[0] = sum;
                        for (int i = 1; i < n - 1; i++) {
                            sum += x[i];
                            out[i] = sum;
                        }
                        if (n > 1) {
                            out[n - 1] = sum + x[n - 1];
                        }
                    }
                """;
        for (BlockedScan r : new BlockedScan[] {VECTOR, SCALAR}) {
            assertCorrect("prefix-sum", apply(r, withBody("prefix-sum", body), 4096), SIZES);
        }
    }

    @Test
    void anExclusiveScanStoresBeforeItAdds() {
        String storeFirst = withBody("prefix-sum", """
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
        for (BlockedScan r : new BlockedScan[] {VECTOR, SCALAR}) {
            String out = apply(r, storeFirst, 4096);
            assertThat(Kernels.body(out)).contains("out[(i + iQuarter) - 1] = sumRun1;");
            assertCorrect("prefix-sum", out, SIZES);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "sum += x[i]; out[i] = 2.0 * sum;",       // stores something else than the sum
        "sum += out[i]; out[i] = sum;",           // reads what it writes
        "sum += x[i]; out[i / 2] = sum;",         // two iterations store to one element
        "sum += x[i]; out[0] = sum;",             // no loop variable in the store
        "sum *= x[i]; out[i] = sum;",             // not a sum
        "sum += x[i]; out[i] = sum; sum += 1.0;"})
    void refusesLoopsThatAreNotScansOfDistinctElementsInEveryParallelScan(String loopBody) {
        String body = """
                    @Override
                    public void scan(double[] x, double[] out, int n) {
                        double sum = 0.0;
                        for (int i = 0; i < n; i++) {
                            %s
                        }
                    }
                """.formatted(loopBody);
        assertThat(VECTOR.apply(withBody("prefix-sum", body), 4096)).isEmpty();
        assertThat(SCALAR.apply(withBody("prefix-sum", body), 4096)).isEmpty();
        // the two-pass scans store chunk by chunk in no set order too: the same loops are no scans for them
        assertThat(new ParallelScan().apply(withBody("prefix-sum", body), 4)).isEmpty();
        assertThat(new ParallelScan(true).apply(withBody("prefix-sum", body), 4)).isEmpty();
    }

    @Test
    void vectorSumsOnlyForTheElementAtTheIndex() {
        String body = """
                    @Override
                    public void scan(double[] x, double[] out, int n) {
                        double sum = 0.0;
                        for (int i = 0; i < n; i++) {
                            sum += 2.0 * x[i];
                            out[i] = sum / 2.0 + 0.0 * sum;
                        }
                    }
                """;
        assertThat(VECTOR.apply(withBody("prefix-sum", body), 4096)).isEmpty();
        String doubled = withBody("prefix-sum", body.replace("out[i] = sum / 2.0 + 0.0 * sum;", "out[i] = sum;")
                .replace("2.0 * x[i]", "Math.abs(x[i]) * 0.0 + x[i]"));
        assertThat(VECTOR.apply(doubled, 4096)).isEmpty();
        String out = apply(SCALAR, doubled, 4096);
        assertThat(Kernels.body(out)).contains("sumPart2 += Math.abs(x[(i + 2 * iQuarter)]) * 0.0 + x[(i + 2 * iQuarter)];");
        assertCorrect("prefix-sum", out, SIZES);
    }

    @Test
    void anIntegerScanIsBlockedWithScalarSums() {
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
        assertThat(VECTOR.apply(withBody("prefix-sum", body), 4096)).isEmpty();
        String out = apply(SCALAR, withBody("prefix-sum", body), 4096);
        assertThat(Kernels.body(out)).contains("long[] countPrefix = new long[countBlocks];");
        PrefixSumKernel k = (PrefixSumKernel) TargetKernels.load(TargetKernels.target("prefix-sum"), out);
        int n = 3 * 4096 + 17;
        double[] x = new double[n];
        double[] got = new double[n];
        long count = 0;
        for (int i = 0; i < n; i++) {
            x[i] = (i * 7919 % 13) - 6.0;
        }
        k.scan(x, got, n);
        for (int i = 0; i < n; i++) {
            count += (long) x[i];
            assertThat(got[i]).as("element %d", i).isEqualTo((double) count);
        }
    }

    @Test
    void theGeneratedScanPassesTheRealCascade() throws InterruptedException {
        KernelTarget target = Targets.require("prefix-sum");
        try (Cascade cascade = WORKERS.cascade(target, ExampleKernelsCascadeTest.CONFIG)) {
            for (BlockedScan r : new BlockedScan[] {VECTOR, SCALAR}) {
                String source = apply(r, target.seedSource(), 16384);
                EvaluationOutcome outcome = cascade.evaluate(source);
                assertThat(outcome).as("%s: %s\n%s", r.name(), outcome.detail(), source)
                        .isInstanceOf(EvaluationOutcome.Measured.class);
            }
        }
    }
}
