package dev.evolve.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of run folder gets a report; what a folder lacks is marked not available, never an error. */
class ReportRobustnessTest {

    @TempDir
    Path dir;

    static int count(String text, String needle) {
        return (int) Pattern.compile(Pattern.quote(needle)).matcher(text).results().count();
    }

    @Test
    void aFinishedRunHasEverySectionAndOneInlineSvgPerChart() throws Exception {
        Path run = TestRuns.run(dir.resolve("run"), 40, TestRuns.Judge.MIXED);
        Path baselines = dir.resolve("baselines.json");
        Files.writeString(baselines, BaselinesTest.FILE);
        ReportWriter.Written w = ReportWriter.write(run, baselines, run);
        RunData d = w.data();
        assertThat(d.figures().isAvailable()).isTrue();
        assertThat(d.header().status()).isEqualTo("finished");
        assertThat(d.header().statusNote()).isNull();
        Timeline t = d.timeline().orNull();
        assertThat(t.evaluations()).hasSize(40);
        assertThat(t.statusCounts().keySet()).contains("measured", "incorrect");
        Lineage l = d.lineage().orNull();
        assertThat(l.basis()).isEqualTo("programs.db");
        assertThat(l.steps().getFirst().origin()).isEqualTo("seed");
        assertThat(l.steps().getLast().id()).isEqualTo(d.figures().orNull().bestId());
        assertThat(l.steps().subList(1, l.steps().size())).allMatch(s -> !s.diff().isEmpty());
        IslandGrids g = d.grids().orNull();
        assertThat(g.islands()).hasSize(2);
        assertThat(g.dimensions()).containsExactly("code_size", "vector_api", "parallel", "loop_depth");
        assertThat(g.islands().getFirst().cells()).isNotEmpty();
        assertThat(d.jmh().orNull().rows()).extracting(JmhTable.Row::variant)
                .as("no JMH in this run: the baselines alone").containsExactly("ejml", "ojalgo", "seed");

        String html = Files.readString(w.html());
        assertThat(w.drawn().available()).hasSize(5);
        assertThat(count(html, "<svg")).isEqualTo(5);
        assertThat(count(html, "<figure class=\"chart\"")).isEqualTo(5);
        assertThat(html).doesNotContain("<script", "http://fonts", "https://", "src=\"http")
                .contains("Lineage of the best program", "Island 1", "class=\"elite");
        assertThat(w.charts()).hasSize(5).allMatch(Files::isRegularFile);
        String md = Files.readString(w.markdown());
        assertThat(md).contains("![Best speedup over run time](report-files/best-vs-time.svg)", "```diff",
                "### Island 0", "| ejml (n=256) | baselines |");
        assertThat(Files.readString(w.charts().getFirst())).startsWith("<?xml").contains("<svg");
    }

    @Test
    void theCommittedReferenceRunWithoutItsDatabaseGetsALineageFromTheEventLog() throws Exception {
        Path reference = Path.of("../results/reference/matmul-10m");
        Path copy = Files.createDirectories(dir.resolve("reference"));
        try (Stream<Path> files = Files.list(reference)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        ReportWriter.Written w = ReportWriter.write(copy, null, dir.resolve("out"));
        RunData d = w.data();
        assertThat(copy.resolve("programs.db")).as("never created by a report").doesNotExist();
        assertThat(d.grids()).isInstanceOf(Section.Unavailable.class);
        Lineage l = d.lineage().orNull();
        assertThat(l.basis()).isEqualTo("events.jsonl");
        assertThat(l.bestId()).startsWith("92adb2bd0f");
        assertThat(l.steps()).hasSize(8);
        assertThat(l.steps().getLast().origin()).isEqualTo("ast:strip-mine(16)+interchange(1)+parallelize(64)");
        assertThat(d.timeline().orNull().evaluations()).hasSize(982);
        assertThat(d.timeline().orNull().confirmations()).hasSize(5);
        JmhTable jmh = d.jmh().orNull();
        assertThat(jmh.rows()).extracting(JmhTable.Row::variant).containsExactly("seed", "best");
        assertThat(jmh.rows().get(1).gflops()).isBetween(75.0, 75.3);   // the summary's 75.13 GFLOP/s, from 3.573 ms
        assertThat(d.figures().orNull().bestGbs()).isPositive();
        String html = Files.readString(w.html());
        assertThat(count(html, "<svg")).isEqualTo(5);
        assertThat(html).contains("Not available: no programs.db");
        assertThat(Files.readString(w.markdown())).contains("*Not available: no programs.db");
    }

    @Test
    void aFolderWithOnlyItsMarkerSaysWhatIsMissingEverywhere() throws Exception {
        Path run = Files.createDirectories(dir.resolve("bare"));
        Files.writeString(run.resolve("run.json"), "{\"format\":1,\"run_id\":\"matmul-x\",\"target\":\"matmul\"}");
        ReportWriter.Written w = ReportWriter.write(run, null, run);
        RunData d = w.data();
        assertThat(d.header().status()).isEqualTo("unknown");
        assertThat(List.of(d.figures(), d.timeline(), d.lineage(), d.grids(), d.jmh()))
                .allMatch(s -> s instanceof Section.Unavailable<?>);
        String html = Files.readString(w.html());
        assertThat(html).doesNotContain("<svg");
        assertThat(count(html, "class=\"na\"")).isGreaterThanOrEqualTo(5);
        assertThat(run.resolve(MarkdownReport.FILES)).doesNotExist();
    }

    @Test
    void anInterruptedRunIsMarkedAndATornEventLineIsSkipped() throws Exception {
        Path run = TestRuns.run(dir.resolve("run"), 20, TestRuns.Judge.MIXED);
        List<String> lines = Files.readAllLines(run.resolve("events.jsonl"));
        assertThat(lines.getLast()).contains("run_finished");
        // as if killed: no end event, a half-written line, and the summary the loop writes while running
        Files.writeString(run.resolve("events.jsonl"), String.join("\n", lines.subList(0, lines.size() - 1))
                + "\n{\"time\":\"2026-01-01T00:00:00Z\",\"event\":\"evalu");
        Files.writeString(run.resolve("summary.json"),
                Files.readString(run.resolve("summary.json")).replace("\"finished\"", "\"running\""));
        RunData d = ReportWriter.write(run, null, run).data();
        assertThat(d.header().status()).isEqualTo("running");
        assertThat(d.header().statusNote()).contains("killed");
        assertThat(d.notes()).anyMatch(n -> n.startsWith("1 line of events.jsonl could not be read"));
        assertThat(d.timeline().orNull().evaluations()).hasSize(20);

        Files.delete(run.resolve("summary.json"));
        d = ReportWriter.write(run, null, run).data();
        assertThat(d.header().status()).isEqualTo("unknown");
        assertThat(d.figures()).isInstanceOf(Section.Unavailable.class);
        assertThat(d.lineage().isAvailable()).as("from the database's best").isTrue();
    }

    @Test
    void aRunWithoutMeasuredChildrenOrJmhFiguresStillReports() throws Exception {
        Path run = TestRuns.run(dir.resolve("run"), 12, TestRuns.Judge.ALL_FAIL);
        Path otherTarget = dir.resolve("dot.json");
        Files.writeString(otherTarget, "[{\"benchmark\":\"b.Dot.dot\",\"params\":{\"target\":\"dot\",\"variant\":\"ejml\"},"
                + "\"primaryMetric\":{\"score\":1.0,\"scoreError\":0.1,\"scoreUnit\":\"ms/op\"}}]");
        ReportWriter.Written w = ReportWriter.write(run, otherTarget, run);
        RunData d = w.data();
        assertThat(d.timeline().orNull().statusCounts()).containsOnlyKeys("incorrect");
        assertThat(d.timeline().orNull().bestSoFar()).hasSize(1);
        assertThat(d.lineage().orNull().steps()).extracting(Lineage.Step::origin).containsExactly("seed");
        assertThat(((Section.Unavailable<JmhTable>) d.jmh()).reason())
                .contains("no JMH figures in summary.json").contains("params.target = matmul");
        String html = Files.readString(w.html());
        assertThat(count(html, "<svg")).isEqualTo(4).isEqualTo(w.drawn().available().size());
        assertThat(html).contains("Not available: no JMH figures");
    }
}
