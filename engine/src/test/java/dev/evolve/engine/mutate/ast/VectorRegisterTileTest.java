package dev.evolve.engine.mutate.ast;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.engine.mutate.loops.Aliasing;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Vector register tiles on small kernels: every knob of both variants keeps the results of the scalar original at
 * every size of {@link LoopKernels#SIZES} (0, 1, 3, 7, odd sizes: row and column tails), and what the dependence
 * test or the shape rules out is left alone.
 */
class VectorRegisterTileTest {

    static final VectorRegisterTile TILE = new VectorRegisterTile(Aliasing.DISTINCT_PARAMETERS, false);
    static final VectorRegisterTile PARALLEL = new VectorRegisterTile(Aliasing.DISTINCT_PARAMETERS, true);

    /** Every knob of both variants applies and keeps the results. */
    private static void everyKnobKeepsResults(String seed) {
        for (VectorRegisterTile r : new VectorRegisterTile[] {TILE, PARALLEL}) {
            for (int knob : r.knobs()) {
                Optional<String> out = r.apply(seed, knob);
                assertThat(out).as(r.name() + "(" + knob + ")").isPresent();
                LoopKernels.assertSameResults(seed, out.get());
            }
        }
    }

    @Test
    void aReductionIntoALocalBecomesVectorAccumulatorsAcrossK() {
        String seed = LoopKernels.source(LoopKernels.ATA, false);
        String tiled = TILE.apply(seed, 42).orElseThrow();
        assertThat(tiled).contains("fromArray(SPECIES, a, k * n + j)", "broadcast(SPECIES, (double) a[k * n + (i + 3)])",
                ".fma(", "intoArray(out, (i + 3) * n + j + 1 * lanes)");
        assertThat(PARALLEL.apply(seed, 42).orElseThrow()).contains(".parallel().forEach(");
        everyKnobKeepsResults(seed);
    }

    @Test
    void anAccumulatedBandInAnyOrderIsTiled() {
        for (String order : new String[] {"i j k", "i k j", "k i j", "j k i"}) {
            String[] v = order.split(" ");
            String seed = LoopKernels.source("""
                    public void run(int n, double[] a, double[] b, double[] c) {
                        for (int %s = 0; %s < n; %s++) {
                            for (int %s = 0; %s < n; %s++) {
                                for (int %s = 0; %s < n; %s++) {
                                    c[i * n + j] += a[i * n + k] * b[k * n + j];
                                }
                            }
                        }
                    }""".formatted(v[0], v[0], v[0], v[1], v[1], v[1], v[2], v[2], v[2]), true);
            assertThat(TILE.apply(seed, 23).orElseThrow()).contains("DoubleVector.fromArray(SPECIES, c,");
            everyKnobKeepsResults(seed);
        }
    }

    @Test
    void floatLanesUnevenBoundsAndInclusiveTests() {
        String seed = LoopKernels.source("""
                public void run(int n, float[] a, float[] b, float[] c, float alpha) {
                    for (int i = 1; i < n - 1; i++) {
                        for (int j = 2; j <= n - 1; j++) {
                            float s = c[i * n + j];
                            for (int k = 3; k < n; k++) {
                                s += alpha * a[k * n + i] * b[k * n + j] + 1;
                            }
                            c[i * n + j] = s * 0.5f;
                        }
                    }
                }""", false);
        assertThat(TILE.apply(seed, 44).orElseThrow()).contains("jdk.incubator.vector.FloatVector");
        everyKnobKeepsResults(seed);
    }

    @Test
    void theStoreMayAddAndTheOutputMayBeWrittenByColumns() {
        // out[j * n + i]: i is the unit-stride loop, so the columns of the tile run along i
        everyKnobKeepsResults(LoopKernels.source("""
                public void run(int n, double[] a, double[] out) {
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            double s = 1.0;
                            for (int k = 0; k < n; k++) {
                                s = s + (a[k * n + i] - a[k]) * Math.abs(a[k * n + j]);
                            }
                            out[j * n + i] += s;
                        }
                    }
                }""", false));
        // an operand read through two brackets (the test harness passes no array of arrays: only its code is checked)
        assertThat(TILE.apply(LoopKernels.source("""
                public void run(int n, double[][] in, double[] out) {
                    double[] a = in[0];
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            double s = 0.0;
                            for (int k = 0; k < n; k++) {
                                s += a[k * n + i] * in[1][k * n + j];
                            }
                            out[i * n + j] = s;
                        }
                    }
                }""", false), 21).orElseThrow()).contains("fromArray(SPECIES, in[1], k * n + j)");
    }

    @Test
    void aReductionNestWithLocalsIsOneReduction() {
        // a stencil's interior: the 3 x 3 window is the reduction, its weight a local of the window loops
        String seed = LoopKernels.source("""
                public void run(int n, double[] img, double[] out) {
                    for (int i = 1; i < n - 1; i++) {
                        for (int j = 1; j < n - 1; j++) {
                            double s = 0.0;
                            for (int di = -1; di <= 1; di++) {
                                for (int dj = -1; dj <= 1; dj++) {
                                    double w = (2 - Math.abs(di)) * (2 - Math.abs(dj));
                                    s += w * img[(i + di) * n + (j + dj)];
                                }
                            }
                            out[i * n + j] = s / 16.0;
                        }
                    }
                }""", false);
        assertThat(TILE.apply(seed, 21).orElseThrow()).contains("for (int di = -1; di <= 1; di++)", "wV = ");
        everyKnobKeepsResults(seed);
    }

    @Test
    void aColumnLoopBesideOtherStatementsGetsOneRowTiles() {
        String seed = LoopKernels.source("""
                public void run(int n, double[] a, double[] b, double[] c, double[] d) {
                    for (int i = 0; i < n; i++) {
                        d[i] = 1.0;
                        for (int j = 0; j < n; j++) {
                            double s = 0.0;
                            for (int k = 0; k < n; k++) {
                                s += b[i * n + k] * a[k * n + j];
                            }
                            c[i * n + j] = s;
                        }
                    }
                }""", false);
        for (int knob : TILE.knobs()) {
            LoopKernels.assertSameResults(seed, TILE.apply(seed, knob).orElseThrow());
        }
        // the i loop carries nothing (d[i] and row i of c are its own): it runs in parallel around the one-row tiles
        String parallel = PARALLEL.apply(seed, 42).orElseThrow();
        assertThat(parallel).contains(".parallel().forEach(i -> {");
        LoopKernels.assertSameResults(seed, parallel);
    }

    @Test
    void refusesWhatTheDependenceTestForbids() {
        // row i reads row i - 1 of the output: the rows are not independent chains
        assertThat(TILE.apply(LoopKernels.source("""
                public void run(int n, double[] a, double[] out) {
                    for (int i = 1; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            double s = 0.0;
                            for (int k = 0; k < n; k++) {
                                s += a[k * n + j] * out[(i - 1) * n + k];
                            }
                            out[i * n + j] = s;
                        }
                    }
                }""", false), 42)).isEmpty();
        // the accumulated element is read in the sum: the registers would hide the updates
        assertThat(TILE.apply(LoopKernels.source("""
                public void run(int n, double[] a, double[] c) {
                    for (int i = 0; i < n; i++) {
                        for (int k = 0; k < n; k++) {
                            for (int j = 0; j < n; j++) {
                                c[i * n + j] += a[i * n + k] * c[i * n + j];
                            }
                        }
                    }
                }""", false), 42)).isEmpty();
        // arrays that may be one and the same
        assertThat(new VectorRegisterTile(Aliasing.MAY_ALIAS, false).apply(LoopKernels.source(LoopKernels.ATA, false), 42)).isEmpty();
    }

    @Test
    void refusesShapesWithoutAVectorForm() {
        String[] bodies = {
            // b read at stride n along j: no contiguous lanes
            "s += a[i * n + k] * b[j * n + k];",
            // the column index used as a value
            "s += a[i * n + k] * j;",
            // a call with no lane-wise form
            "s += Math.exp(a[i * n + k]) * b[k * n + j];",
        };
        for (String body : bodies) {
            assertThat(TILE.apply(LoopKernels.source("""
                    public void run(int n, double[] a, double[] b, double[] out) {
                        for (int i = 0; i < n; i++) {
                            for (int j = 0; j < n; j++) {
                                double s = 0.0;
                                for (int k = 0; k < n; k++) {
                                    %s
                                }
                                out[i * n + j] = s;
                            }
                        }
                    }""".formatted(body), false), 42)).as(body).isEmpty();
        }
        // a triangular k range moves with the rows
        assertThat(TILE.apply(LoopKernels.source(LoopKernels.ATA.replace("k < n;", "k < i;"), false), 42)).isEmpty();
        // int lanes: no multiply-add tile
        assertThat(TILE.apply(LoopKernels.source(LoopKernels.ATA.replace("double", "int").replace("0.0", "0"), false), 42))
                .isEmpty();
    }

    @Test
    void theParallelVariantNeedsEffectivelyFinalNames() {
        // ATA reading a through m, a local assigned twice: a lambda cannot capture it
        String seed = LoopKernels.source(LoopKernels.ATA.replace("a[k * n + i]", "a[k * m + i]")
                .replace("for (int i = 0;", "int m = n;\nm = m + 0;\nfor (int i = 0;"), false);
        assertThat(PARALLEL.apply(seed, 42)).isEmpty();
        LoopKernels.assertSameResults(seed, TILE.apply(seed, 42).orElseThrow());
    }

    @Test
    void chainsAfterTilingTheRows() {
        // rows in blocks of 16 first: the tile then runs inside each block (its bounds read the block's variable)
        String seed = LoopKernels.source(LoopKernels.ATA, false);
        String blocked = new TileLoop(Aliasing.DISTINCT_PARAMETERS).apply(seed, 160).orElseThrow();
        for (VectorRegisterTile r : new VectorRegisterTile[] {TILE, PARALLEL}) {
            String tiled = r.apply(blocked, 62).orElseThrow();
            LoopKernels.assertSameResults(seed, tiled);
        }
    }

    @Test
    void oneRowTilesRunTheirRowLoopInParallelWhenItCarriesNothing() {
        // the row loop's body holds a border write beside the column loop: one-row tiles, the rows in parallel
        String bordered = LoopKernels.source("""
                public void run(int n, double[] a, double[] out) {
                    for (int i = 0; i < n; i++) {
                        out[i * n] = a[i];
                        for (int j = 1; j < n; j++) {
                            double s = 0.0;
                            for (int k = 0; k < n; k++) {
                                s += a[k * n + i] * a[k * n + j];
                            }
                            out[i * n + j] = s;
                        }
                    }
                }""", false);
        for (int knob : new int[] {21, 24, 43}) {
            String out = PARALLEL.apply(bordered, knob).orElseThrow();
            assertThat(out).contains(".parallel().forEach(i -> {").doesNotContain("i += ");
            LoopKernels.assertSameResults(bordered, out);
        }
        // each row reads the row before it: the row loop carries a dependence, only the sequential tile applies
        String chained = LoopKernels.source("""
                public void run(int n, double[] a, double[] out) {
                    for (int i = 1; i < n; i++) {
                        out[i * n] = out[(i - 1) * n + 1];
                        for (int j = 1; j < n; j++) {
                            double s = 0.0;
                            for (int k = 0; k < n; k++) {
                                s += a[k * n + i] * a[k * n + j];
                            }
                            out[i * n + j] = s;
                        }
                    }
                }""", false);
        assertThat(PARALLEL.apply(chained, 21)).isEmpty();
        LoopKernels.assertSameResults(chained, TILE.apply(chained, 21).orElseThrow());
    }
}
