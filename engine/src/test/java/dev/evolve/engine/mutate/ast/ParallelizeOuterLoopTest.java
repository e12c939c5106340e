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
