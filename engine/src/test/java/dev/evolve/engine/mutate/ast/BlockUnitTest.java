package dev.evolve.engine.mutate.ast;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.kernels.EvolveBlock;
import org.junit.jupiter.api.Test;

class BlockUnitTest {

    private static BlockUnit parse(String source) {
        return BlockUnit.parse(source, EvolveBlock.of(source).orElseThrow()).orElseThrow();
    }

    @Test
    void renderKeepsMembersCommentsAndIndentation() {
        String source = Shapes.withBody("""
                    /** Tile edge. */
                    private static final int TILE = 32;

                    @Override
                    public void multiply(double[] a, double[] b, double[] c, int n) {
                        // rows are independent
                        for (int i = 0; i < n; i++) {
                            c[i] = a[i] * b[i];
                        }
                    }

                    private static int helper(int x) {
                        return x + 1;
                    }
                """);
        BlockUnit unit = parse(source);
        String rendered = EvolveBlock.of(source).orElseThrow().withBody(unit.render());
        // the pretty printer re-flows Javadoc but keeps it
        assertThat(rendered).contains("     * Tile edge.\n     */\n    private static final int TILE = 32;")
                .contains("        // rows are independent\n")
                .contains("    private static int helper(int x) {");
        Kernels.assertOutsideUnchanged(source, rendered);
        assertThat(BlockUnit.parses(rendered)).isTrue();
        // printing is a fixed point: a second round trip changes nothing
        assertThat(EvolveBlock.of(rendered).orElseThrow().withBody(parse(rendered).render())).isEqualTo(rendered);
    }

    @Test
    void freshNamesAvoidEverythingInTheBlock() {
        BlockUnit unit = parse(Kernels.SEED);
        assertThat(unit.fresh("sum")).isEqualTo("sum2");
        assertThat(unit.fresh("sum")).isEqualTo("sum3");
        assertThat(unit.fresh("acc")).isEqualTo("acc");
    }

    @Test
    void speciesFieldIsAddedOnceAndFound() {
        BlockUnit unit = parse(Kernels.SEED);
        assertThat(unit.vectorApiImported()).isTrue();
        assertThat(unit.species()).isEqualTo("SPECIES");
        assertThat(unit.species()).isEqualTo("SPECIES");
        assertThat(unit.members().getFields()).hasSize(1);
        assertThat(unit.intStream()).isEqualTo("IntStream");
    }

    @Test
    void vectorRewritesDeclineWithoutTheImports() {
        String noImports = Shapes.hoisted().replace("import jdk.incubator.vector.DoubleVector;\n", "");
        assertThat(new VectorizeInnerLoop().apply(noImports, 0)).isEmpty();
        assertThat(new RegisterBlock().apply(noImports, 44)).isEmpty();
    }

    @Test
    void unparseableBlockGivesNothing() {
        String broken = Shapes.withBody("    public void multiply(double[] a, double[] b, double[] c, int n) { for (;; }\n");
        assertThat(BlockUnit.parse(broken, EvolveBlock.of(broken).orElseThrow())).isEmpty();
        RewriteLibrary.forMatmul().forEach(r -> assertThat(r.apply(broken, r.knobs().getFirst())).isEmpty());
    }
}
