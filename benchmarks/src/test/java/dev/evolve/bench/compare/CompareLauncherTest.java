package dev.evolve.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evolve.bench.limits.MachineLimits;
import dev.evolve.kernels.Targets;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.runner.options.Options;

class CompareLauncherTest {

    @TempDir
    Path results;

    /**
     * One target's comparison with minimal JMH settings, in forked JVMs as for real: every contender gets a
     * row in the JSON with its target and variant, and a wrong reference winner gets none.
     */
    @Test
    void oneTargetsComparisonWritesARowPerCorrectContender() throws Exception {
        System.setProperty("jmh.ignoreLock", "true");   // timings do not matter here; other JMH runs may hold the lock
        ContendersTest.write(results.resolve("dot/best.java"), Sources.twoAccumulatorDot());
        ContendersTest.write(results.resolve("reference/wrong/best.java"), Sources.wrongDot());
        ContendersTest.write(results.resolve("reference/wrong/summary.json"), "{\"target\": \"dot\"}");
        Path json = results.resolve("compare/compare.json");
        var limits = new MachineLimits(List.of(), List.of(new MachineLimits.Figure("stream-read", 2, 20, "GB/s", "")));
        var plan = new CompareLauncher.Plan(List.of(Targets.require("dot")), results, 4099,
                new CompareLauncher.Settings(1, 0, 20, 1, 50), json, limits);

        var log = new ByteArrayOutputStream();
        CompareLauncher.Report report = CompareLauncher.run(plan, new PrintStream(log, true, StandardCharsets.UTF_8));

        assertThat(report.failed()).containsExactly("dot/reference-wrong");
        JsonNode rows = new ObjectMapper().readTree(json.toFile());
        List<String> seen = new ArrayList<>();
        for (JsonNode row : rows) {
            assertThat(row.path("benchmark").asText()).isEqualTo(CompareBenchmark.class.getName() + ".invoke");
            assertThat(row.path("params").path("target").asText()).isEqualTo("dot");
            assertThat(row.path("params").path("size").asText()).isEqualTo("4099");
            assertThat(row.path("primaryMetric").path("score").asDouble()).isPositive();
            assertThat(row.path("primaryMetric").path("scoreUnit").asText()).isEqualTo("ms/op");
            seen.add(row.path("params").path("variant").asText());
        }
        assertThat(seen).containsExactly("seed", "evolved", "ejml", "ojalgo");
        assertThat(report.rows()).extracting(CompareLauncher.Row::variant).containsExactlyElementsOf(seen);
        CompareLauncher.Row seed = report.rows().getFirst();
        assertThat(seed.speedupVsSeed()).isEqualTo(1.0);
        assertThat(seed.gflops()).isEqualTo(2.0 * 4099 / (seed.msPerOp() / 1e3) / 1e9);
        assertThat(seed.gbPerS()).isPositive();
        // dot reads 2n doubles: the limit is that traffic at the stream-read figure
        double limitMs = (16.0 * 4099 + 8) / 20e9 * 1e3;
        assertThat(seed.limit()).isEqualTo("stream-read (20 GB/s, 2 threads)");
        assertThat(seed.limitMs()).isCloseTo(limitMs, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(seed.share()).isCloseTo(limitMs / seed.msPerOp(), org.assertj.core.api.Assertions.within(1e-12));
        List<String> tsv = java.nio.file.Files.readAllLines(results.resolve("compare/compare.tsv"));
        assertThat(tsv).hasSize(5);
        assertThat(tsv.getFirst()).startsWith("target\tvariant\tn\tms_per_op")
                .endsWith("\tspeedup_vs_seed\tlimit\tlimit_ms\tlimit_gflops\tlimit_gb_per_s\tshare_of_limit");
        String[] cells = tsv.get(1).split("\t", -1);
        assertThat(cells).hasSize(13);
        assertThat(tsv.get(1)).startsWith("dot\tseed\t4099\t");
        assertThat(cells[7]).isEqualTo("1.00000");
        assertThat(cells[8]).isEqualTo("stream-read (20 GB/s, 2 threads)");
        assertThat(Double.parseDouble(cells[11])).isCloseTo(16.0 * 4099 / (16.0 * 4099 + 8) * 20,
                org.assertj.core.api.Assertions.within(1e-3));   // the limit in the target's GB/s (2n doubles; the limit counts the result too)
        assertThat(Double.parseDouble(cells[12])).isCloseTo(seed.share(), org.assertj.core.api.Assertions.within(1e-4 * seed.share()));
        String table = CompareLauncher.table(report);
        assertThat(table).contains("target").contains("GFLOP/s").contains("GB/s")
                .containsPattern("(?m)^dot +ojalgo +4099 ")
                .contains("dot/reference-wrong").contains("FAILED")
                .contains("of limit").contains("limit of dot (n = 4099): stream-read (20 GB/s, 2 threads)");
    }

    @Test
    void commandLineDefaultsAndOptions() {
        CompareLauncher.Plan all = CompareLauncher.parse(new String[0]);
        assertThat(all.targets()).hasSameSizeAs(Targets.all());
        assertThat(all.settings()).isEqualTo(CompareLauncher.Settings.FULL);
        assertThat(all.json()).isEqualTo(Path.of("results", "compare", "compare.json"));
        assertThat(all.limits()).isEqualTo(MachineLimits.none());

        CompareLauncher.Plan quick = CompareLauncher.parse(new String[] {
                "--quick", "--results", "/r", "--size", "64", "matvec", "dot"});
        assertThat(quick.settings()).isEqualTo(CompareLauncher.Settings.QUICK);
        assertThat(quick.targets()).extracting(t -> t.name()).containsExactly("matvec", "dot");
        assertThat(quick.size()).isEqualTo(64);
        assertThat(quick.json()).isEqualTo(Path.of("/r/compare/compare.json"));

        assertThatThrownBy(() -> CompareLauncher.parse(new String[] {"nope"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown target 'nope'");
        assertThatThrownBy(() -> CompareLauncher.parse(new String[] {"--fast"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown option --fast");
        assertThatThrownBy(() -> CompareLauncher.parse(new String[] {"--limits", "/no/such/limits.tsv"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot read the limits file");
        assertThatThrownBy(() -> CompareLauncher.parse(new String[] {"--size", "x"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--size must be an integer");
    }

    @Test
    void optionsSelectTheComparisonBenchmarkWithTheTargetsVariants() {
        var plan = CompareLauncher.parse(new String[] {"--results", "/r", "matmul"});
        Options o = CompareLauncher.options(plan.targets().getFirst(), List.of("seed", "ejml"), plan);
        assertThat(o.getIncludes()).singleElement().satisfies(regex -> assertThat(Pattern.compile(regex)
                .matcher(CompareBenchmark.class.getName() + ".invoke").find()).isTrue());
        assertThat(o.getParameter("target").get()).containsExactly("matmul");
        assertThat(o.getParameter("variant").get()).containsExactly("seed", "ejml");
        assertThat(o.getParameter("results").get()).containsExactly("/r");
        assertThat(o.shouldFailOnError().get()).isFalse();
    }
}
