package dev.evolve.engine.mutate.ast;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TilingAndUnrollingTest {

    @Test
    void stripMineAddsATileConstantAndStaysCorrect() {
        String out = Kernels.apply(new StripMineLoop(), Kernels.SEED, 32);
        assertThat(Kernels.body(out))
                .contains("private static final int TILE_I = 32;")
                .contains("for (int iTile = 0; iTile < n; iTile += TILE_I)")
                .contains("for (int i = iTile; i < Math.min(iTile + TILE_I, n); i++)");
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
        assertThat(Kernels.apply(new TuneConstant(), tiled, 1)).contains("TILE_I = 48;");
        assertThat(Kernels.apply(new TuneConstant(), tiled, 0)).contains("TILE_I = 16;");
        Kernels.assertCorrect(Kernels.apply(new TuneConstant(), tiled, 1));
        assertThat(new TuneConstant().apply(tiled, 2)).isEmpty();
        assertThat(new TuneConstant().apply(Kernels.SEED, 0)).isEmpty();
        assertThat(TuneConstant.neighbour(256, true)).isEqualTo(256);
        assertThat(TuneConstant.neighbour(8, false)).isEqualTo(8);
        assertThat(TuneConstant.neighbour(50, false)).isEqualTo(48);
    }
}
