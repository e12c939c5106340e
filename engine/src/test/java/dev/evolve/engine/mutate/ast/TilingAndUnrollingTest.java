package dev.evolve.engine.mutate.ast;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TilingAndUnrollingTest {

    @Test
    void stripMineTilesTheSecondLoopOfTheDeepestNest() {
        String out = Kernels.apply(new StripMineLoop(), Kernels.SEED, 32);
        assertThat(Kernels.body(out))
                .contains("private static final int TILE_J = 32;")
                .contains("for (int jTile = 0; jTile < n; jTile += TILE_J)")
                .contains("for (int j = jTile; j < Math.min(jTile + TILE_J, n); j++)");
        assertThat(Shapes.loopVars(out)).containsExactly("i", "jTile", "j", "k");
        Kernels.assertCorrect(out);
    }

    @Test
    void stripMiningTwoLoopsThenInterchangingGivesBlockedLoops() {
        StripMineLoop strip = new StripMineLoop();
        String out = Kernels.apply(strip, Kernels.SEED, 16);
        out = Kernels.apply(strip, out, 16);
        assertThat(Shapes.loopVars(out)).containsExactly("iTile", "i", "jTile", "j", "k");
        // site 0 is the scalar reduction over k, site 1 the perfect pair (i, jTile)
        out = Kernels.apply(new LoopInterchange(), out, 1);
        assertThat(Shapes.loopVars(out)).containsExactly("iTile", "jTile", "i", "j", "k");
        Kernels.assertCorrect(out);
    }

    @Test
    void distributeThenStripMineThenInterchangeBlocksKInTheIkjForm() {
        String out = Kernels.apply(new LoopDistribution(), Shapes.hoisted(), 0);
        assertThat(Shapes.loopVars(out)).containsExactly("i", "j", "i", "k", "j");
        assertThat(Kernels.body(out).split("int iN = i \\* n;", -1)).hasSize(3);
        Kernels.assertCorrect(out);
        out = Kernels.apply(new StripMineLoop(), out, 64);
        assertThat(Shapes.loopVars(out)).containsExactly("i", "j", "i", "kTile", "k", "j");
        Kernels.assertCorrect(out);
        // (i, kTile) is now a perfect rectangular pair (site 1; site 0 is the zeroing nest): move the k tiles outward
        out = Kernels.apply(new LoopInterchange(), out, 1);
        assertThat(Shapes.loopVars(out)).containsExactly("i", "j", "kTile", "i", "k", "j");
        Kernels.assertCorrect(out);
        // and the blocked nest still vectorizes
        Kernels.assertCorrect(Kernels.apply(new VectorizeInnerLoop(), out, 0));
    }

    @Test
    void distributeDeclinesWhenALocalCrossesTheSplit() {
        assertThat(new LoopDistribution().apply(Kernels.SEED, 0)).isEmpty();
        String crossing = Shapes.withBody("""
                    public void multiply(double[] a, double[] b, double[] c, int n) {
                        for (int i = 0; i < n; i++) {
                            for (int j = 0; j < n; j++) {
                                c[i * n + j] = a[i];
                            }
                            double s = c[i * n];
                            for (int j = 0; j < n; j++) {
                                c[i * n + j] += s;
                            }
                        }
                    }
                """);
        assertThat(new LoopDistribution().apply(crossing, 0)).isEmpty();
    }

    @Test
    void unrollByEachFactorWithRemainder() {
        for (int factor : new UnrollInnerLoop().knobs()) {
            String out = Kernels.apply(new UnrollInnerLoop(), Shapes.hoisted(), factor);
            assertThat(Kernels.body(out)).contains("j += " + factor).contains("j + " + (factor - 1));
            Kernels.assertCorrect(out);
        }
    }

    @Test
    void unrollDeclinesScalarReductionsAndItsOwnRemainder() {
        assertThat(new UnrollInnerLoop().apply(Kernels.SEED, 4)).isEmpty();
        String once = Kernels.apply(new UnrollInnerLoop(), Shapes.hoisted(), 4);
        assertThat(new UnrollInnerLoop().apply(once, 4)).isEmpty();
    }

    @Test
    void transposeMakesTheDotProductContiguous() {
        String out = Kernels.apply(new TransposeOperand(), Kernels.SEED, 0);
        assertThat(Kernels.body(out))
                .contains("double[] bT = new double[n * n];")
                .contains("sum += a[i * n + k] * bT[(j) * n + (k)];");
        Kernels.assertCorrect(out);
        assertThat(new TransposeOperand().apply(Shapes.ikj(), 0)).isEmpty();
    }

    @Test
    void tuneConstantMovesToNeighbouringValues() {
        String tiled = Kernels.apply(new StripMineLoop(), Kernels.SEED, 32);
        assertThat(Kernels.apply(new TuneConstant(), tiled, 1)).contains("TILE_J = 48;");
        assertThat(Kernels.apply(new TuneConstant(), tiled, 0)).contains("TILE_J = 16;");
        Kernels.assertCorrect(Kernels.apply(new TuneConstant(), tiled, 1));
        assertThat(new TuneConstant().apply(tiled, 2)).isEmpty();
        assertThat(new TuneConstant().apply(Kernels.SEED, 0)).isEmpty();
        assertThat(TuneConstant.neighbour(256, true)).isEqualTo(256);
        assertThat(TuneConstant.neighbour(8, false)).isEqualTo(8);
        assertThat(TuneConstant.neighbour(50, false)).isEqualTo(48);
    }
}
