package dev.evolve.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.evolve.bench.limits.LimitOf;
import dev.evolve.bench.limits.MachineLimits;
import dev.evolve.kernels.Targets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselinesTest {

    @TempDir
    Path dir;

    static final String FILE = """
            [ {"benchmark":"dev.evolve.bench.Compare.multiply","mode":"avgt",
               "params":{"target":"matmul","variant":"ejml","n":"256"},
               "primaryMetric":{"score":5.0,"scoreError":0.5,"scoreUnit":"ms/op"}},
              {"benchmark":"dev.evolve.bench.Compare.multiply","mode":"avgt",
               "params":{"target":"matmul","variant":"ojalgo"},
               "primaryMetric":{"score":40000.0,"scoreError":"NaN","scoreUnit":"us/op"}},
              {"benchmark":"dev.evolve.bench.Compare.multiply","mode":"thrpt",
               "params":{"target":"matmul","variant":"seed"},
               "primaryMetric":{"score":2.5,"scoreError":0.25,"scoreUnit":"ops/s"}},
              {"benchmark":"dev.evolve.bench.Compare.dot","params":{"target":"dot","variant":"ejml"},
               "primaryMetric":{"score":1.0,"scoreError":0.1,"scoreUnit":"ms/op"}},
              {"benchmark":"dev.evolve.bench.Compare.weird","params":{"target":"matmul","variant":"odd"},
               "primaryMetric":{"score":1.0,"scoreError":0.1,"scoreUnit":"furlongs"}} ]
            """;

    private Path write(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void readsJmhJsonAndConvertsUnitsToMillisecondsPerOperation() throws Exception {
        List<Baselines.Result> r = Baselines.read(write("b.json", FILE));
        assertThat(r).hasSize(5);
        assertThat(r.get(0).variant()).isEqualTo("ejml");
        assertThat(r.get(0).millisPerOp()).isEqualTo(5.0);
        assertThat(r.get(1).millisPerOp()).isCloseTo(40.0, within(1e-12));
        assertThat(r.get(1).error()).as("JMH writes NaN when it has no error").isNull();
        assertThat(r.get(2).millisPerOp()).isCloseTo(400.0, within(1e-9));           // 2.5 ops/s
        assertThat(r.get(2).errorMillisPerOp()).isCloseTo(40.0, within(1e-9));       // 10 % of it
        assertThat(r.get(4).millisPerOp()).isNull();
    }

    @Test
    void theTableShowsOnlyTheRunsTargetWithDerivedThroughputAndRatios() throws Exception {
        var target = Targets.require("matmul");
        JmhTable t = JmhTable.build("matmul", new JmhTable.RunFigures(400.0, 20.0, 4.0, 0.2),
                Baselines.read(write("b.json", FILE)), 512, target::flops, target::bytes);
        assertThat(t.rows()).extracting(JmhTable.Row::variant).containsExactly("seed", "best", "ejml", "ojalgo", "seed");
        JmhTable.Row best = t.rows().get(1);
        assertThat(best.gflops()).isCloseTo(2.0 * 512 * 512 * 512 / 4e6, within(1e-9));
        assertThat(best.gflopsError()).isCloseTo(best.gflops() * 0.05, within(1e-9));
        assertThat(best.vsSeed()).isCloseTo(100.0, within(1e-9));
        JmhTable.Row ejml = t.rows().get(2);
        assertThat(ejml.params()).isEqualTo("n=256");
        assertThat(ejml.gflops()).as("at its own n").isCloseTo(2.0 * 256 * 256 * 256 / 5e6, within(1e-9));
        assertThat(ejml.gbs()).isCloseTo(target.bytes(256) / 5e6, within(1e-9));
        assertThat(t.notes()).anyMatch(n -> n.contains("furlongs")).anyMatch(n -> n.contains("1 baseline result is"));
    }

    @Test
    void givenTheMachinesLimitsEachRowShowsItsShareAtItsOwnSize() throws Exception {
        var target = Targets.require("matmul");
        Path baselines = write("compare.json", FILE);
        // OpenBLAS dgemm measured at 512 only: the ejml row at n = 256 falls back to the FMA peak
        write("limits.tsv", MachineLimits.HEADER + "\n"
                + "dgemm-512\t2\t80\tGFLOP/s\tOpenBLAS\n" + "fma-f64\t2\t100\tGFLOP/s\tpeak\n");
        List<String> problems = new java.util.ArrayList<>();
        MachineLimits limits = RunReader.limitsBeside(baselines, problems);
        assertThat(problems).isEmpty();
        JmhTable t = JmhTable.build("matmul", new JmhTable.RunFigures(400.0, 20.0, 4.0, 0.2),
                Baselines.read(baselines), 512, target::flops, target::bytes,
                n -> LimitOf.of(target.roofline(n), limits).orElse(null));
        JmhTable.Row best = t.rows().get(1);
        // 2 * 512^3 FLOPs at 80 GFLOP/s take 3.36 ms; the best takes 4 ms
        assertThat(best.share()).isCloseTo(2.0 * 512 * 512 * 512 / 80e9 / 4e-3, within(1e-9));
        JmhTable.Row ejml = t.rows().get(2);
        assertThat(ejml.share()).isCloseTo(2.0 * 256 * 256 * 256 / 100e9 / 5e-3, within(1e-9));
        assertThat(t.notes()).anyMatch(n -> n.startsWith("share of limit at n = 512: of dgemm-512 (80 GFLOP/s, 2 threads)"))
                .anyMatch(n -> n.startsWith("share of limit at n = 256: of fma-f64 (100 GFLOP/s, 2 threads); not measured: dgemm-256"));
        assertThat(Format.share(best.share())).isEqualTo("84 %");
        assertThat(Format.share(0.042)).isEqualTo("4.2 %");
        assertThat(Format.share(null)).isEqualTo(Format.share(Double.NaN));

        // no limits file, or a broken one: no shares, and the broken one is named
        assertThat(RunReader.limitsBeside(dir.resolve("elsewhere/compare.json"), problems)).isEqualTo(MachineLimits.none());
        assertThat(problems).isEmpty();
        write("limits.tsv", "not a limits file\n");
        assertThat(RunReader.limitsBeside(baselines, problems)).isEqualTo(MachineLimits.none());
        assertThat(problems).singleElement().asString().contains("limits.tsv is unreadable");
        assertThat(JmhTable.build("matmul", null, Baselines.read(baselines), 512, target::flops, target::bytes)
                .rows()).allSatisfy(r -> assertThat(r.share()).isNull());
    }

    @Test
    void withoutRunFiguresTheSeedBaselineIsTheReference() throws Exception {
        JmhTable t = JmhTable.build("matmul", null, Baselines.read(write("b.json", FILE)), 512, null, null);
        assertThat(t.rows()).extracting(JmhTable.Row::variant).containsExactly("ejml", "ojalgo", "seed");
        assertThat(t.rows().getFirst().vsSeed()).isCloseTo(80.0, within(1e-9));
        assertThat(t.rows().getFirst().gflops()).isNull();
    }

    @Test
    void malformedFilesNameTheFileAndTheField() throws Exception {
        assertThatThrownBy(() -> Baselines.read(dir.resolve("missing.json")))
                .isInstanceOf(ReportException.class).hasMessageContaining("missing.json");
        assertThatThrownBy(() -> Baselines.read(write("a.json", "{\"benchmark\":1}")))
                .hasMessageContaining("a.json").hasMessageContaining("array");
        assertThatThrownBy(() -> Baselines.read(write("c.json", "[{")))
                .hasMessageContaining("c.json").hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> Baselines.read(write("d.json",
                "[{\"benchmark\":\"x\",\"primaryMetric\":{\"score\":\"fast\",\"scoreUnit\":\"ms/op\"}}]")))
                .hasMessageContaining("d.json: result [0]").hasMessageContaining("primaryMetric.score");
        assertThatThrownBy(() -> Baselines.read(write("e.json",
                "[{\"benchmark\":\"x\",\"params\":{\"target\":[1]},\"primaryMetric\":{\"score\":1,\"scoreUnit\":\"ms/op\"}}]")))
                .hasMessageContaining("params.target");
    }
}
