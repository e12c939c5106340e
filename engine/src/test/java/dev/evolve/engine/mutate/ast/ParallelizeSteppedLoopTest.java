package dev.evolve.engine.mutate.ast;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.engine.mutate.Rewrite;
import dev.evolve.engine.mutate.loops.Aliasing;
import org.junit.jupiter.api.Test;

/** parallelize-loop over loops that step by a block: a tile loop gets one task per tile. */
class ParallelizeSteppedLoopTest {

    private final Rewrite parallel = new ParallelizeLoop(Aliasing.DISTINCT_PARAMETERS);
    private final Rewrite tile = new TileLoop(Aliasing.DISTINCT_PARAMETERS);

    @Test
    void aTileLoopRunsOneTaskPerTile() {
        String ata = LoopKernels.source(LoopKernels.ATA, false);
        for (int size : new int[] {8, 16, 64}) {
            String tiled = tile.apply(ata, 10 * size).orElseThrow();
            String out = parallel.apply(tiled, 0).orElseThrow();
            assertThat(Kernels.body(out)).contains(".parallel().forEach(iTTask -> { int iT = (0) + iTTask * " + size + ";");
            LoopKernels.assertSameResults(ata, out);
        }
    }

    @Test
    void aSteppedLoopWithAnOffsetStartAndARaggedEnd() {
        String stepped = LoopKernels.source("""
                public void run(int n, double[] a, double[] out) {
                    for (int i = 1; i < n - 1; i += 3) {
                        out[i] = a[i - 1] + a[i + 1];
                    }
                }""", false);
        String out = parallel.apply(stepped, 0).orElseThrow();
        assertThat(Kernels.body(out)).contains("iTask * 3");
        LoopKernels.assertSameResults(stepped, out);
    }

    @Test
    void aSteppedLoopThatCarriesADependenceIsRefused() {
        // each block reads the element the block before it wrote
        String carried = LoopKernels.source("""
                public void run(int n, double[] a, double[] out) {
                    for (int i = 4; i < n; i += 4) {
                        out[i] = out[i - 4] + a[i];
                    }
                }""", false);
        assertThat(parallel.apply(carried, 0)).isEmpty();
        // the tile loop of a wavefront carries its dependence: tiling keeps the order, parallel tiles would not
        String wavefront = LoopKernels.source("""
                public void run(int n, double[] a, double[] out) {
                    for (int i = 1; i < n; i++) {
                        for (int j = 0; j < n - 1; j++) {
                            out[i * n + j] = out[(i - 1) * n + j + 1] * 0.5 + a[i * n + j];
                        }
                    }
                }""", false);
        String tiled = tile.apply(wavefront, 80).orElseThrow();
        assertThat(parallel.apply(tiled, 0)).isEmpty();
    }
}
