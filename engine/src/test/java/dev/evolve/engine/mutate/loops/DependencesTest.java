package dev.evolve.engine.mutate.loops;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.body.MethodDeclaration;
import dev.evolve.engine.mutate.loops.Dependence.Direction;
import dev.evolve.kernels.EvolveBlock;
import dev.evolve.kernels.Targets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DependencesTest {

    static MethodDeclaration method(String code) {
        return new JavaParser(new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21))
                .parse("class K { " + code + " }").getResult().orElseThrow()
                .findFirst(MethodDeclaration.class).orElseThrow();
    }

    static LoopNest nest(String code) {
        List<LoopNest> nests = LoopNests.of(method(code));
        assertThat(nests).as(code).hasSize(1);
        return nests.getFirst();
    }

    static List<Dependence> deps(String code, Aliasing aliasing) {
        return Dependences.of(nest(code), aliasing);
    }

    static final String MATMUL_IKJ = """
            void m(double[] a, double[] b, double[] c, int n) {
                for (int i = 0; i < n; i++)
                    for (int k = 0; k < n; k++)
                        for (int j = 0; j < n; j++)
                            c[i * n + j] += a[i * n + k] * b[k * n + j];
            }""";

    /** On the matmul seed as shipped: i-j-k loops around a scalar dot product. */
    @Test
    void theModelSeesLoopsAccessesAndReductions() {
        LoopNest n = nest(EvolveBlock.of(Targets.require("matmul").seedSource()).orElseThrow().body());
        assertThat(n.loops()).extracting(Loop::var).containsExactly("i", "j", "k");
        assertThat(n.longestBand()).extracting(Loop::var).containsExactly("i", "j");
        assertThat(n.reductions()).extracting(Reduction::target).containsExactly("sum");
        assertThat(n.accesses()).filteredOn(a -> !a.scalar()).allMatch(Access::affine)
                .extracting(Access::root).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(Delinearize.groups(n.accesses().stream().filter(a -> a.root().equals("c")).findFirst()
                .orElseThrow().subscripts().getFirst().orElseThrow(), n.loops())).isPresent();
    }

    @Test
    void twoDimensionalArraysAndOffsetsAreAffine() {
        LoopNest n = nest("""
                void m(double[][] img, double[] out, int n, int m) {
                    for (int i = 0; i < n; i++)
                        for (int di = 0; di < 3; di++)
                            for (int j = 0; j < m; j++)
                                out[i * m + j] += img[i + di][j] + img[(i + di) * m + j][0];
                }""");
        assertThat(n.accesses()).filteredOn(a -> !a.scalar()).allMatch(Access::affine);
        assertThat(n.reductions()).isEmpty();
    }

    @Test
    void anythingElseIsNotModelled() {
        assertThat(LoopNests.of(method("void m(int[] a, int n) { for (int i = 0; i < n; i++) { if (a[i] < 0) break; a[i] = 1; } }"))).isEmpty();
        assertThat(LoopNests.of(method("void m(int[] a, int n) { for (int i = 0; i < n; i++) { foo(a, i); } }"))).isEmpty();
        assertThat(LoopNests.of(method("void m(int[] a, int n) { int i = 0; while (i < n) { a[i++] = 0; } }"))).isEmpty();
        assertThat(LoopNests.of(method("void m(int[] a, int n) { for (int i = 0; i < n; i += 2) { n--; } }"))).isEmpty();
        // a data-dependent subscript is modelled but not affine: the test cannot use it
        LoopNest hist = nest("void m(int[] v, int[] c, int n) { for (int i = 0; i < n; i++) { c[v[i]]++; } }");
        assertThat(hist.accesses()).filteredOn(a -> a.root().equals("c")).noneMatch(Access::affine);
        assertThat(Dependences.carriesNone(Dependences.of(hist, Aliasing.DISTINCT_PARAMETERS), hist.root())).isFalse();
    }

    @Test
    void aLoopCarriedRecurrenceIsFoundAndBlocksParallelism() {
        LoopNest n = nest("void m(double[] a, double[] b, int n) { for (int i = 1; i < n; i++) { a[i] = a[i - 1] + b[i]; } }");
        List<Dependence> d = Dependences.of(n, Aliasing.DISTINCT_PARAMETERS);
        assertThat(d).anyMatch(x -> x.source().write() && !x.sink().write() && x.directions().equals(List.of(Direction.LT)));
        assertThat(Dependences.carriesNone(d, n.root())).isFalse();
        LoopNest shifted = nest("void m(double[] a, double[] b, int n) { for (int i = 0; i < n; i++) { a[2 * i] = a[2 * i + 1] + b[i]; } }");
        assertThat(Dependences.carriesNone(Dependences.of(shifted, Aliasing.DISTINCT_PARAMETERS), shifted.root()))
                .as("even writes never meet odd reads (GCD)").isTrue();
    }

    @Test
    void aWavefrontForbidsInterchangeButAllowsTheOriginalOrder() {
        String code = """
                void m(double[] a, int n) {
                    for (int i = 1; i < n; i++)
                        for (int j = 0; j < n - 1; j++)
                            a[i * n + j] = a[(i - 1) * n + j + 1] * 0.5;
                }""";
        LoopNest n = nest(code);
        List<Dependence> d = Dependences.of(n, Aliasing.DISTINCT_PARAMETERS);
        List<Loop> band = n.longestBand();
        assertThat(d).anyMatch(x -> x.directions().equals(List.of(Direction.LT, Direction.GT)));
        assertThat(Dependences.canPermute(d, band, new int[] {0, 1})).isTrue();
        assertThat(Dependences.canPermute(d, band, new int[] {1, 0})).isFalse();
        assertThat(Dependences.fullyPermutable(d, band, 1)).isFalse();
        assertThat(Dependences.carriesNone(d, band.get(1))).as("j carries nothing inside one i").isTrue();
        assertThat(Dependences.carriesNone(d, band.get(0))).isFalse();
    }

    @Test
    void matmulLoopsPermuteFreelyAndTheReductionLoopIsNotParallel() {
        LoopNest n = nest(MATMUL_IKJ);
        List<Dependence> d = Dependences.of(n, Aliasing.DISTINCT_PARAMETERS);
        List<Loop> band = n.longestBand();
        assertThat(band).hasSize(3);
        for (int[] order : List.of(new int[] {0, 2, 1}, new int[] {1, 0, 2}, new int[] {2, 1, 0}, new int[] {1, 2, 0})) {
            assertThat(Dependences.canPermute(d, band, order)).isTrue();
        }
        assertThat(Dependences.fullyPermutable(d, band, 2)).isTrue();
        assertThat(Dependences.carriesNone(d, band.get(0))).isTrue();
        assertThat(Dependences.carriesNone(d, band.get(1))).as("k accumulates into c").isFalse();
        assertThat(Dependences.carriesNone(d, band.get(2))).isTrue();
    }

    @Test
    void possiblyAliasedParametersAreConservative() {
        LoopNest n = nest(MATMUL_IKJ);
        List<Dependence> d = Dependences.of(n, Aliasing.MAY_ALIAS);
        assertThat(Dependences.carriesNone(d, n.longestBand().getFirst())).isFalse();
        assertThat(Dependences.canPermute(d, n.longestBand(), new int[] {1, 0, 2})).isFalse();
        // an array local of unknown origin may alias every parameter even under the distinct-parameters policy
        LoopNest unknown = nest("""
                void m(double[] a, double[] b, int n, boolean f) {
                    double[] t = f ? a : b;
                    for (int i = 0; i < n; i++) { t[i] = a[n - 1 - i]; }
                }""");
        assertThat(Dependences.carriesNone(Dependences.of(unknown, Aliasing.DISTINCT_PARAMETERS), unknown.root())).isFalse();
        // a fresh array aliases nothing
        LoopNest fresh = nest("""
                void m(double[] a, int n) {
                    double[] t = new double[n];
                    for (int i = 0; i < n; i++) { t[i] = a[n - 1 - i]; }
                }""");
        assertThat(Dependences.carriesNone(Dependences.of(fresh, Aliasing.MAY_ALIAS), fresh.root())).isTrue();
    }

    @Test
    void aScalarReductionIsCarriedAndAPrivateScalarIsNot() {
        LoopNest dot = nest("double m(double[] x, int n) { double s = 0; for (int i = 0; i < n; i++) { s += x[i]; } return s; }");
        assertThat(dot.reductions()).extracting(Reduction::target).containsExactly("s");
        assertThat(Dependences.carriesNone(Dependences.of(dot, Aliasing.DISTINCT_PARAMETERS), dot.root())).isFalse();
        LoopNest rows = nest("""
                void m(double[] a, double[] y, int n) {
                    for (int i = 0; i < n; i++) {
                        double s = 0;
                        for (int j = 0; j < n; j++) { s += a[i * n + j]; }
                        y[i] = s;
                    }
                }""");
        List<Dependence> d = Dependences.of(rows, Aliasing.DISTINCT_PARAMETERS);
        assertThat(Dependences.carriesNone(d, rows.root())).isTrue();
        assertThat(Dependences.carriesNone(d, rows.root().children().getFirst())).isFalse();
    }

    @Test
    void withoutBoundsALinearizedSubscriptIsNotSplit() {
        // j may run past n, so i * n + j can meet (i + 1) * n + j - n: nothing is proven, nothing may move
        LoopNest n = nest("""
                void m(double[] a, int n, int m) {
                    for (int i = 0; i < n; i++)
                        for (int j = 0; j < m; j++)
                            a[i * n + j] = a[i * n + j] + 1;
                }""");
        List<Dependence> d = Dependences.of(n, Aliasing.DISTINCT_PARAMETERS);
        assertThat(Dependences.carriesNone(d, n.root())).isFalse();
        assertThat(Dependences.canPermute(d, n.longestBand(), new int[] {1, 0})).isFalse();
    }

    @Test
    void tiledBoundsStillDelinearize() {
        LoopNest n = nest("""
                void m(double[] a, double[] b, int n) {
                    for (int jT = 0; jT < n; jT += 32)
                        for (int i = 0; i < n; i++)
                            for (int j = jT; j < Math.min(jT + 32, n); j++)
                                a[i * n + j] = b[j * n + i];
                }""");
        List<Dependence> d = Dependences.of(n, Aliasing.DISTINCT_PARAMETERS);
        assertThat(n.loops().subList(1, 3)).allMatch(l -> Dependences.carriesNone(d, l));
        // the tile loop's variable is not in the subscript, but j runs within [jT, jT + 32): '=' on j is '=' on jT
        assertThat(Dependences.carriesNone(d, n.root())).isTrue();
        // a point loop that reaches past its tile proves nothing about the tile loop
        LoopNest wide = nest("""
                void m(double[] a, double[] b, int n) {
                    for (int jT = 0; jT < n; jT += 32)
                        for (int i = 0; i < n; i++)
                            for (int j = jT; j < Math.min(jT + 33, n); j++)
                                a[i * n + j] = a[i * n + j] + b[j * n + i];
                }""");
        List<Dependence> dw = Dependences.of(wide, Aliasing.DISTINCT_PARAMETERS);
        assertThat(Dependences.carriesNone(dw, wide.root())).isFalse();
    }

    @Test
    void anArrayAndTheRowItWasTakenFromAreTheSameStorage() {
        LoopNest n = nest("""
                void m(int n, double[][] in, double[] out) {
                    double[] x = in[1];
                    for (int i = 1; i < n; i++) { x[i] = in[1][i - 1] + in[0][i]; }
                }""");
        List<Dependence> d = Dependences.of(n, Aliasing.DISTINCT_PARAMETERS);
        assertThat(Dependences.carriesNone(d, n.root())).isFalse();
        LoopNest rows = nest("""
                void m(int n, double[][] in, double[] out) {
                    double[] x = in[1];
                    double[] y = in[0];
                    for (int i = 1; i < n; i++) { x[i] = y[i - 1]; }
                }""");
        assertThat(Dependences.carriesNone(Dependences.of(rows, Aliasing.DISTINCT_PARAMETERS), rows.root())).isTrue();
        assertThat(Dependences.carriesNone(Dependences.of(rows, Aliasing.MAY_ALIAS), rows.root())).isFalse();
    }

    static boolean parallel(String code, int depth) {
        LoopNest n = nest(code);
        Loop loop = n.loops().stream().filter(l -> l.depth() == depth).findFirst().orElseThrow();
        return Dependences.carriesNone(Dependences.of(n, Aliasing.DISTINCT_PARAMETERS), loop);
    }

    /** Row loops whose rows are disjoint, with columns or strides that hold parameters: proven independent. */
    @Test
    void symbolicColumnsAndStridesStillProveDisjointRows() {
        // a peeled first and last column: n - 1 is a column within [0, n), since i < n - 1 needs n >= 3
        String peeled = """
                void m(double[] img, double[] out, int n) {
                    for (int i = 1; i < n - 1; i++) {
                        out[i * n + 0] = img[i * n + 0];
                        for (int j = 1; j < n - 1; j++)
                            out[i * n + j] = img[(i - 1) * n + j] + img[(i + 1) * n + j];
                        out[i * n + (n - 1)] = img[i * n + (n - 1)];
                    }
                }""";
        assertThat(parallel(peeled, 0)).isTrue();
        assertThat(parallel(peeled, 1)).isTrue();
        // a peeled last row: one fixed row, the columns apart
        assertThat(parallel("""
                void m(double[] img, double[] out, int n) {
                    for (int j = 0; j < n; j++) out[(n - 1) * n + j] = img[(n - 1) * n + j];
                }""", 0)).isTrue();
        // a padded row: the stride n + 2 is wider than the columns written, [1, n + 1)
        String padded = """
                void m(double[] a, double[] b, int n) {
                    for (int i = 0; i < n; i++)
                        for (int j = 0; j < n; j++)
                            a[i * (n + 2) + j + 1] = a[i * (n + 2) + j + 1] + b[i * n + j];
                }""";
        assertThat(parallel(padded, 0)).isTrue();
        assertThat(parallel(padded, 1)).isTrue();
        LoopNest pn = nest(padded);
        assertThat(Dependences.canPermute(Dependences.of(pn, Aliasing.DISTINCT_PARAMETERS), pn.longestBand(),
                new int[] {1, 0})).isTrue();
    }

    /** The same symbolic forms where rows do meet: every one stays a carried dependence. */
    @Test
    void symbolicSubscriptsThatMeetAcrossRowsAreRefused() {
        // a recurrence down the rows, through the whole row and through a symbolic column
        String down = """
                void m(double[] out, int n) {
                    for (int i = 1; i < n; i++)
                        for (int j = 0; j < n; j++)
                            out[i * n + j] = out[(i - 1) * n + j];
                }""";
        assertThat(parallel(down, 0)).isFalse();
        assertThat(parallel(down, 1)).isTrue();
        assertThat(parallel("""
                void m(double[] out, int n) {
                    for (int i = 1; i < n; i++) out[i * n + (n - 1)] = out[(i - 1) * n + (n - 1)] * 0.5;
                }""", 0)).isFalse();
        // a symbolic offset of one whole row: a[(i + 1) * n] is written at i and read at i + 1
        assertThat(parallel("""
                void m(double[] a, int n, int m) {
                    for (int i = 0; i < m; i++) a[i * n + n] = a[i * n] + 1;
                }""", 0)).isFalse();
        // one row written by every i (and one fixed element)
        assertThat(parallel("""
                void m(double[] img, double[] out, int n) {
                    for (int i = 0; i < n; i++)
                        for (int j = 0; j < n; j++)
                            out[j] = img[i * n + j];
                }""", 0)).isFalse();
        assertThat(parallel("""
                void m(double[] img, double[] out, int n) {
                    for (int i = 0; i < n; i++) out[n - 1] = img[i * n + (n - 1)];
                }""", 0)).isFalse();
        // a stride narrower than the columns: row i's last two columns are row i + 1's first two
        String narrow = """
                void m(double[] a, int n) {
                    for (int i = 0; i < n; i++)
                        for (int j = 0; j < n; j++)
                            a[i * (n - 2) + j] = a[i * (n - 2) + j] + 1;
                }""";
        assertThat(parallel(narrow, 0)).isFalse();
        LoopNest nn = nest(narrow);
        assertThat(Dependences.canPermute(Dependences.of(nn, Aliasing.DISTINCT_PARAMETERS), nn.longestBand(),
                new int[] {1, 0})).isFalse();
        // a column offset by an unbounded parameter may reach the next row (k = n: row i + 1's element)
        assertThat(parallel("""
                void m(double[] a, int n, int k) {
                    for (int i = 0; i < n; i++)
                        for (int j = 0; j < n; j++)
                            a[i * n + j + k] = a[i * n + j + k] + 1;
                }""", 0)).isFalse();
    }

    @Test
    void equalPointsInATileMeanTheSameTileSoTileLoopsPermute() {
        String tiled = """
                void m(double[] a, double[] out, int n) {
                    for (int iT = 0; iT < n; iT += 64)
                        for (int jT = 0; jT < n; jT += 64)
                            for (int i = iT; i < Math.min(iT + 64, n); i++)
                                for (int j = jT; j < Math.min(jT + 64, n); j++)
                                    out[j * n + i] = out[j * n + i] + a[i * n + j];
                }""";
        LoopNest t = nest(tiled);
        List<Dependence> d = Dependences.of(t, Aliasing.DISTINCT_PARAMETERS);
        // i and j fixed fix iT and jT: one element, one iteration (the subscripts say nothing of iT and jT)
        assertThat(d).isNotEmpty().allSatisfy(x -> assertThat(x.concrete())
                .allSatisfy(v -> assertThat(v).containsOnly(Direction.EQ)));
        assertThat(Dependences.canPermute(d, t.longestBand(), new int[] {1, 0, 2, 3})).isTrue();
        assertThat(Dependences.fullyPermutable(d, t.longestBand(), 3)).isTrue();
        // point loops one past their tiles: neighbouring tiles share a row and a column, nothing is proven of
        // iT and jT, and swapping them could reverse two updates of one element
        LoopNest wide = nest(tiled.replace("iT + 64", "iT + 65").replace("jT + 64", "jT + 65"));
        List<Dependence> dw = Dependences.of(wide, Aliasing.DISTINCT_PARAMETERS);
        assertThat(dw).anySatisfy(x -> assertThat(x.directions().subList(0, 2)).containsOnly(Direction.ANY));
        assertThat(Dependences.canPermute(dw, wide.longestBand(), new int[] {1, 0, 2, 3})).isFalse();
    }

    @Test
    void aParallelStreamsTaskVariableBoundsTheNestInsideItsBody() {
        String body = """
                void m(double[] a, double[] out, int n) {
                    IntStream.range(0, (n + 63) / 64).parallel().forEach(t -> {
                        int iT = t * 64;
                        for (int jT = 0; jT < n; jT += 64)
                            for (int i = iT; i < Math.min(iT + 64, n); i++)
                                for (int j = jT; j < Math.min(jT + 64, n); j++)
                                    out[j * n + i] = a[i * n + j];
                    });
                }""";
        LoopNest inside = nest(body);
        List<Dependence> d = Dependences.of(inside, Aliasing.DISTINCT_PARAMETERS);
        // iT >= 0 (t from range(0, ...)), so j * n + i splits into rows and columns: one element, one iteration
        assertThat(d).isNotEmpty().allSatisfy(x -> assertThat(x.directions().subList(1, 3)).containsOnly(Direction.EQ));
        assertThat(d).allSatisfy(x -> assertThat(x.concrete()).allSatisfy(v -> assertThat(v).containsOnly(Direction.EQ)));
        assertThat(Dependences.canPermute(d, inside.longestBand(), new int[] {0, 2, 1})).isTrue();
        // no fact when the range may start below zero, the local may be negative, or either is assigned
        for (String unproven : List.of(body.replace("range(0,", "range(-1,"), body.replace("t * 64;", "t * 64 - 64;"),
                body.replace("int iT = t * 64;", "int iT = t * 64; iT--;"),
                body.replace("int iT = t * 64;", "t = t - 1; int iT = t * 64;"))) {
            List<Dependence> du = Dependences.of(nest(unproven), Aliasing.DISTINCT_PARAMETERS);
            assertThat(du).as(unproven).anySatisfy(x -> assertThat(x.directions().get(1)).isEqualTo(Direction.ANY));
        }
    }
}
