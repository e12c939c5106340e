package dev.evolve.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evolve.kernels.KernelTarget;
import dev.evolve.kernels.Problem;
import dev.evolve.kernels.Targets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContendersTest {

    private static final KernelTarget DOT = Targets.require("dot");

    @TempDir
    Path results;

    @Test
    void onlyTheSeedAndBaselinesWithoutCommittedWinners() {
        assertThat(Contenders.variants(DOT, results)).containsExactly("seed", "ejml", "ojalgo");
        assertThat(Contenders.variants(Targets.require("softmax"), results)).containsExactly("seed");
    }

    @Test
    void winnersAreFoundByLayoutAndReferenceRunsByTheirSummary() throws IOException {
        write(results.resolve("dot/best.java"), Sources.twoAccumulatorDot());
        write(results.resolve("reference/dot-1m/best.java"), DOT.seedSource());
        write(results.resolve("reference/dot-1m/summary.json"), "{ \"target\" : \"dot\", \"seed\" : 42 }");
        write(results.resolve("reference/matmul-1m/best.java"), Targets.require("matmul").seedSource());
        write(results.resolve("reference/matmul-1m/summary.json"), "{\"target\":\"matmul\"}");
        write(results.resolve("reference/no-summary/best.java"), DOT.seedSource());
        assertThat(Contenders.variants(DOT, results))
                .containsExactly("seed", "evolved", "reference-dot-1m", "ejml", "ojalgo");
        assertThat(Contenders.variants(Targets.require("matmul"), results))
                .containsExactly("seed", "reference-matmul-1m", "ejml", "ejml-mt", "ojalgo");
    }

    @Test
    void sourcesAreCompiledAndRunCorrectly() throws Exception {
        write(results.resolve("dot/best.java"), Sources.twoAccumulatorDot());
        for (String variant : Contenders.variants(DOT, results)) {
            try (Contenders.Contender c = Contenders.open(DOT, variant, results)) {
                Problem p = DOT.newProblem(1001, 5);
                p.invoke(c.kernel());
                assertThat(p.verify()).as(variant).isEmpty();
            }
        }
    }

    @Test
    void aWinnerThatDoesNotCompileIsNamedInTheError() throws IOException {
        write(results.resolve("dot/best.java"), DOT.seedSource().replace("return sum;", "return sum"));
        assertThatThrownBy(() -> Contenders.open(DOT, "evolved", results))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(results.resolve("dot/best.java").toString())
                .hasMessageContaining("does not compile");
    }

    @Test
    void unknownOrMissingVariantsAreRefused() {
        assertThatThrownBy(() -> Contenders.open(DOT, "blas", results))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown variant 'blas'")
                .hasMessageContaining("[seed, ejml, ojalgo]");
        assertThatThrownBy(() -> Contenders.open(DOT, "evolved", results))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no file");
        assertThatThrownBy(() -> Contenders.open(DOT, "reference-../dot", results))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no reference run");
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
