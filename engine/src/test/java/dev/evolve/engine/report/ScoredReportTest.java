package dev.evolve.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evolve.engine.report.TestRuns.EnergyJudge;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of a real run of a scored target (its programs judged by their own evaluator, here one whose
 * primary metric {@code energy} is to be minimized): figures, charts, lineage and grids show the metric as the
 * evaluator gave it, never the database's transformed score, GFLOP/s or speedups.
 */
class ScoredReportTest {

    private static final double SEED_ENERGY = 1.7 * 1.7 + 4.8 * 4.8 + 0.4 * 0.4 + 1;

    @TempDir
    static Path dir;

    static Path run;
    static ReportWriter.Written written;

    @BeforeAll
    static void runAndReport() throws Exception {
        run = TestRuns.runScored(dir.resolve("target"), dir.resolve("run"), 60);
        written = ReportWriter.write(run, null, run);
    }

    @Test
    void figuresAreTheSummarysRawValuesWithTheGoalReadFromTheFolder() throws Exception {
        JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        RunData d = written.data();
        assertThat(d.scored()).isTrue();
        assertThat(d.primary()).isEqualTo(new PrimaryMetric("energy", false));
        RunData.Scored sc = d.figures().orNull().scored();
        assertThat(sc.seed()).isCloseTo(SEED_ENERGY, within(1e-12));
        assertThat(sc.best()).isEqualTo(summary.get("best_score").asDouble())
                .isEqualTo(EnergyJudge.energy(Files.readString(run.resolve("best.txt"))))
                .as("the run found a lower energy").isLessThan(SEED_ENERGY);
        assertThat(sc.difference()).isCloseTo(sc.best() - SEED_ENERGY, within(1e-12));
        assertThat(sc.ratio()).as("lower is better: seed / best").isCloseTo(SEED_ENERGY / sc.best(), within(1e-12));
        assertThat(d.jmh()).isInstanceOf(Section.Unavailable.class);
    }

    @Test
    void bestSoFarIsTheEvaluatorsValueFallingFromTheSeedToTheBest() {
        RunData d = written.data();
        Timeline t = d.timeline().orNull();
        assertThat(t.scored()).isTrue();
        assertThat(t.seedPrimary()).isCloseTo(SEED_ENERGY, within(1e-12));
        List<Timeline.Best> best = t.bestSoFar();
        assertThat(best.getFirst().value()).isCloseTo(SEED_ENERGY, within(1e-12));
        assertThat(best.getLast().value()).isEqualTo(d.figures().orNull().scored().best());
        for (int i = 1; i < best.size(); i++) {
            assertThat(best.get(i).value()).as("each rise is a lower energy").isLessThan(best.get(i - 1).value());
        }
        List<Timeline.Evaluation> measured = t.measured();
        assertThat(measured).isNotEmpty().allMatch(e -> e.primary() != null && e.primary() >= 1)
                .as("the database's score of a minimized metric is not the metric")
                .allMatch(e -> e.score() != e.primary());
        assertThat(measured.stream().mapToDouble(Timeline.Evaluation::primary).min().orElseThrow())
                .isEqualTo(best.getLast().value());
    }

    @Test
    void chartsNameTheMetricAndPlotItsValues() {
        Charts c = written.drawn();
        assertThat(c.available()).hasSize(4).extracting(Charts.Chart::name)
                .containsExactly("best-vs-time", "best-vs-iteration", "status-counts", "throughput");
        Charts.Chart time = c.bestVsTime().orNull();
        assertThat(time.title()).isEqualTo("Best energy over run time");
        assertThat(time.caption()).contains("energy (lower is better)").doesNotContain("speedup");
        assertThat(c.bestVsIteration().orNull().title()).isEqualTo("Best energy over iterations");
        assertThat(c.jmh()).isInstanceOf(Section.Unavailable.class);

        Timeline t = written.data().timeline().orNull();
        List<Double> energies = t.measured().stream().map(Timeline.Evaluation::primary).toList();
        double best = written.data().figures().orNull().scored().best();
        for (BestPlot plot : List.of(BestPlot.overTime(t), BestPlot.overIterations(t))) {
            assertThat(plot.cloudY()).as("every measured child at its energy").isEqualTo(energies);
            assertThat(plot.bestY().getFirst()).isCloseTo(SEED_ENERGY, within(1e-12));
            assertThat(plot.bestY().getLast()).isEqualTo(best);
        }
        assertThat(BestPlot.overIterations(t).bestX().getLast()).isEqualTo(60.0);
        assertThat(BestPlot.overIterations(t).cloudX())
                .isEqualTo(t.measured().stream().map(e -> (double) e.iteration()).toList());
    }

    @Test
    void lineageStepsCarryTheirMetricsAsTheEvaluatorGaveThem() {
        Lineage l = written.data().lineage().orNull();
        assertThat(l.basis()).isEqualTo("programs.db");
        assertThat(l.steps().getFirst().metrics().keySet()).containsExactly("energy", "distance");
        for (Lineage.Step s : l.steps()) {
            assertThat(s.metrics().get("energy")).isEqualTo(EnergyJudge.energy(s.source()));
            assertThat(s.metrics().get("distance")).isCloseTo(Math.sqrt(s.metrics().get("energy") - 1), within(1e-12));
        }
        assertThat(l.steps().getLast().metrics().get("energy")).isEqualTo(written.data().figures().orNull().scored().best());

        IslandGrids g = written.data().grids().orNull();
        assertThat(g.islands().stream().flatMap(i -> i.cells().values().stream()))
                .isNotEmpty().allMatch(e -> e.primary() != null && e.primary() >= 1);
    }

    @Test
    void withoutTheDatabaseTheLineageComesFromTheEventLogWithTheRawValues() throws Exception {
        Path copy = Files.createDirectories(dir.resolve("no-db"));
        for (String f : List.of("run.json", "config.yaml", "summary.json", "events.jsonl")) {
            Files.copy(run.resolve(f), copy.resolve(f));
        }
        RunData d = RunReader.read(copy, null);
        assertThat(d.primary()).as("the goal from the event log alone").isEqualTo(new PrimaryMetric("energy", false));
        Lineage l = d.lineage().orNull();
        assertThat(l.basis()).isEqualTo("events.jsonl");
        assertThat(l.steps().getFirst().metrics()).containsEntry("distance", Math.sqrt(SEED_ENERGY - 1));
        assertThat(l.steps().getFirst().metrics().get("energy")).isCloseTo(SEED_ENERGY, within(1e-12));
        assertThat(l.steps().getLast().metrics().get("energy")).isEqualTo(d.figures().orNull().scored().best());
    }

    @Test
    void pagesShowTheMetricAndNoTimingFigures() throws Exception {
        RunData.Scored sc = written.data().figures().orNull().scored();
        String html = Files.readString(written.html());
        assertThat(html).contains("<div class=\"label\">Seed</div><div class=\"value\">27.09</div>",
                        "<div class=\"value\">" + Format.metric(sc.best()) + "</div><div class=\"unit\">energy (lower is better)",
                        Format.signedMetric(sc.best() - SEED_ENERGY), Format.speedup(SEED_ENERGY / sc.best()) + " lower",
                        "<th class=\"num\">energy</th><th>other metrics</th>", "distance = ", "→ energy = ")
                .doesNotContain("GFLOP/s", "id=\"jmh\"", "href=\"#jmh\"", "timed at n");
        assertThat(ReportRobustnessTest.count(html, "<svg")).isEqualTo(4);
        String md = Files.readString(written.markdown());
        assertThat(md).contains("| seed energy | 27.09 |", "| best energy | " + Format.metric(sc.best()) + " |",
                        "| step | id | iteration | origin (rewrites) | energy | other metrics | lines changed |",
                        "![Best energy over run time](report-files/best-vs-time.svg)")
                .doesNotContain("GFLOP/s", "## JMH figures", "```java");
    }

    @Test
    void theGoalIsReadFromAValueAndItsDatabaseScore() {
        assertThat(PrimaryMetric.goalOf(2.5, 3.5)).isTrue();             // maximize: 1 + v
        assertThat(PrimaryMetric.goalOf(2.5, 1 / 3.5)).isFalse();        // minimize: 1 / (1 + v)
        assertThat(PrimaryMetric.goalOf(-2.0, 3.0)).isFalse();           // minimize: 1 + (-v)
        assertThat(PrimaryMetric.goalOf(0, 1)).as("0 scores 1 either way").isNull();
        assertThat(PrimaryMetric.goalOf(2.5, 7)).as("neither goal gives it").isNull();
        assertThat(new RunData.Scored(new PrimaryMetric("m", true), -1.0, 2.0).ratio()).isNull();
        assertThat(new RunData.Scored(new PrimaryMetric("m", true), 2.0, 3.0).ratio()).isEqualTo(1.5);
    }
}
