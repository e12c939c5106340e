package dev.evolve.engine.mutate.ast;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ParallelizeOuterLoopTest {

    private final ParallelizeOuterLoop rewrite = new ParallelizeOuterLoop();

    @Test
    void rowLoopBecomesAParallelStream() {
        String out = Kernels.apply(rewrite, Kernels.SEED, 1);
        assertThat(Kernels.body(out)).contains("IntStream.range(0, n).parallel().forEach(i -> {");
        assertThat(Shapes.loopVars(out)).containsExactly("j", "k");
        Kernels.assertCorrect(out);
    }

    @Test
    void blocksOfRowsPerTask() {
        String out = Kernels.apply(rewrite, Shapes.hoisted(), 16);
        assertThat(Kernels.body(out))
                .contains("IntStream.range(0, (n + 15) / 16).parallel().forEach(iChunk -> {")
                .contains("int iTo = Math.min(n, iFrom + 16);");
        Kernels.assertCorrect(out);
    }

    @Test
    void steppedRowBlocksOfTheRegisterTile() {
        String blocked = Shapes.registerBlocked(44);
        for (int knob : rewrite.knobs()) {
            String out = Kernels.apply(rewrite, blocked, knob);
            assertThat(out).contains(".parallel()");
            Kernels.assertCorrect(out);
        }
    }

    @Test
    void rowBlocksOfAStepLoopStayOneTaskEachWhateverTheKnob() {
        // register-block(44) steps its row loop by 4: 4 rows per task is one block per task, 16 rows four blocks
        String blocked = Shapes.registerBlocked(44);
        String one = Kernels.body(Kernels.apply(rewrite, blocked, 4));
        assertThat(one).contains(".parallel().forEach(iTask -> { int i = iTask * 4;").doesNotContain("iChunk");
        String four = Kernels.body(Kernels.apply(rewrite, blocked, 16));
        assertThat(four).contains("iChunk * 4 * 4").contains("+ 3) / 4).parallel()");
        // 64 rows per task at n = 64 would have been one task of 64 blocks: now 16 blocks of 4 rows
        String wide = Kernels.body(Kernels.apply(rewrite, blocked, 64));
        assertThat(wide).contains("iChunk * 16 * 4");
        for (int knob : rewrite.knobs()) {
            Kernels.assertCorrect(Kernels.apply(rewrite, blocked, knob), 1, 2, 3, 4, 5, 7, 9, 17, 33, 67);
        }
    }

    @Test
    void aStepNotALiteralGetsItsBlocksPerTaskAtRunTime() {
        String stepped = LoopKernels.source("""
                public void run(int n, double[] a, double[] out) {
                    int block = 3;
                    for (int i = 0; i < n * n; i += block) {
                        for (int j = i; j < Math.min(i + block, n * n); j++) {
                            out[j] = a[j] * 2.0 + 1.0;
                        }
                    }
                }""", false);
        for (int knob : rewrite.knobs()) {
            String out = rewrite.apply(stepped, knob).orElseThrow();
            assertThat(Kernels.body(out)).contains(knob == 1 ? "iTask * block" : "Math.max(1, " + knob + " / block)");
            LoopKernels.assertSameResults(stepped, out);
        }
    }

    @Test
    void picksTheDeepestNestNotTheFirstLoop() {
        String transposed = Kernels.apply(new TransposeOperand(), Kernels.SEED, 0);
        String out = Kernels.apply(rewrite, transposed, 1);
        assertThat(Kernels.body(out)).contains("IntStream.range(0, n).parallel().forEach(i -> {")
                .contains("for (int r = 0; r < n; r++)");
        Kernels.assertCorrect(out);
    }

    @Test
    void doesNotApplyTwiceToTheSameNest() {
        String once = Kernels.apply(rewrite, Kernels.SEED, 1);
        assertThat(rewrite.apply(once, 1)).isEmpty();
    }

    @Test
    void declinesWhenWritesAreNotDisjointOrLocalsAreNotFinal() {
        String sharedTotal = Shapes.withBody("""
                    public void multiply(double[] a, double[] b, double[] c, int n) {
                        double total = 0.0;
                        for (int i = 0; i < n; i++) {
                            total += a[i];
                        }
                        c[0] = total;
                    }
                """);
        assertThat(rewrite.apply(sharedTotal, 1)).isEmpty();
        String sameCell = Shapes.withBody("""
                    public void multiply(double[] a, double[] b, double[] c, int n) {
                        for (int i = 0; i < n; i++) {
                            c[0] = a[i];
                        }
                    }
                """);
        assertThat(rewrite.apply(sameCell, 1)).isEmpty();
        String early = Shapes.withBody("""
                    public void multiply(double[] a, double[] b, double[] c, int n) {
                        for (int i = 0; i < n; i++) {
                            if (a[i] > 0) {
                                break;
                            }
                            c[i] = a[i];
                        }
                    }
                """);
        assertThat(rewrite.apply(early, 1)).isEmpty();
    }
}
