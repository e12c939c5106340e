package dev.evolve.engine.report;

import dev.evolve.engine.record.Machine;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code report.md}: the report as GitHub-flavoured Markdown. Charts are images linked from
 * {@code report-files/<name>.svg} beside it; diffs are {@code diff} code blocks fenced so that no source can close
 * them; table cells are escaped so that no run text breaks a table or becomes HTML.
 */
public final class MarkdownReport {

    /** The folder, beside {@code report.md}, that holds the chart files. */
    public static final String FILES = "report-files";

    private final RunData data;
    private final Charts charts;
    private final Instant made;
    private final StringBuilder out = new StringBuilder(64 * 1024);

    private MarkdownReport(RunData data, Charts charts, Instant made) {
        this.data = data;
        this.charts = charts;
        this.made = made;
    }

    public static String render(RunData data, Charts charts, Instant made) {
        return new MarkdownReport(data, charts, made).document();
    }

    private String document() {
        RunData.Header h = data.header();
        line("# evolve run report: " + text(h.target() == null ? "unknown target" : h.target()) + " `"
                + code(h.runId()) + "`");
        line("");
        line("| | |");
        line("|---|---|");
        row("status", h.status() + (h.statusNote() == null ? "" : " (" + h.statusNote() + ")"));
        row("target", orDash(h.target()));
        row("seed", h.seed() == null ? Format.NONE : Long.toString(h.seed()));
        row("run id", h.runId());
        row("started", Format.timestamp(h.created()));
        row("wall time", Format.duration(h.wallSeconds()));
        row("mutator", orDash(h.mutator()));
        row("budget", orDash(h.budget()));
        Machine m = h.machine();
        row("machine", m.cores() + " cores, " + m.cpuModel() + (h.machineOfRun() ? ""
                : " (where this report was made; the run folder does not record its machine)"));
        row("JDK", m.jdk() + ", " + m.os().strip());
        line("");
        switch (data.figures()) {
            case Section.Available<RunData.Figures> a -> figures(a.value());
            case Section.Unavailable<RunData.Figures> u -> unavailable(u.reason());
        }
        section("Progress", data.timeline(), this::progress);
        if (!data.scored()) {    // programs judged by their own evaluator are not timed
            section("JMH figures", data.jmh(), this::jmh);
        }
        section("Lineage of the best program", data.lineage(), this::lineage);
        section("MAP-Elites grids", data.grids(), this::grids);
        GuidanceTable.read(data.dir()).ifPresent(g -> out.append(g.markdown()));
        if (!data.notes().isEmpty()) {
            line("## Notes");
            line("");
            data.notes().forEach(n -> line("- " + text(n)));
            line("");
        }
        line("---");
        line("Made by `evolve report` on " + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                .withZone(ZoneOffset.UTC).format(made) + ".");
        return out.toString();
    }

    private void figures(RunData.Figures f) {
        if (f.scored() != null) {
            scoredFigures(f, f.scored());
            return;
        }
        String basis = f.confirmedWithJmh() ? "JMH" : "screening";
        line("| figure | value |");
        line("|---|---:|");
        row("seed GFLOP/s", Format.figure(f.seedGflops()));
        row("best GFLOP/s (" + basis + ")", Format.figure(f.bestGflops()));
        row("speedup over the seed (" + basis + ")", Format.speedup(f.bestSpeedup()));
        if (f.bestGbs() != null) {
            row("best effective GB/s (seed)", Format.figure(f.bestGbs()) + " (" + Format.figure(f.seedGbs()) + ")");
        }
        searchFigures(f);
    }

    private void scoredFigures(RunData.Figures f, RunData.Scored sc) {
        PrimaryMetric m = sc.metric();
        line("Programs judged by their own evaluator: figures are its primary metric **" + text(m.name())
                + "** as it gave them" + (m.goal() == null ? "" : " (" + m.goal() + ")") + ".");
        line("");
        line("| figure | value |");
        line("|---|---:|");
        row("seed " + m.name(), Format.metric(sc.seed()));
        row("best " + m.name(), Format.metric(sc.best()));
        Double ratio = sc.ratio();
        row("improvement (best − seed)", Format.signedMetric(sc.difference())
                + (ratio == null ? "" : "; " + HtmlReport.ratioText(m, ratio)));
        searchFigures(f);
    }

    /** The figures of the search itself, whatever judged its programs: the last rows of the figures table. */
    private void searchFigures(RunData.Figures f) {
        row("children evaluated", Format.integer(f.candidates()));
        row("duplicates skipped", Format.integer(f.duplicates()));
        row("children per minute", Format.figure(f.candidatesPerMinute()));
        if (f.bestId() != null) {
            row("best program", Format.shortId(f.bestId()) + (f.bestOrigin() == null ? "" : ", " + f.bestOrigin()));
        }
        line("");
    }

    /** A section headed {@code title}: {@code body} of its data, or the reason the run folder cannot give it. */
    private <T> void section(String title, Section<T> section, Consumer<T> body) {
        line("## " + title);
        line("");
        switch (section) {
            case Section.Unavailable<T> u -> unavailable(u.reason());
            case Section.Available<T> a -> body.accept(a.value());
        }
    }

    private void progress(Timeline t) {
        chart(charts.bestVsTime());
        chart(charts.bestVsIteration());
        chart(charts.statusCounts());
        chart(charts.throughput());
        long total = t.statusCounts().values().stream().mapToLong(Long::longValue).sum();
        line("| status | children | share |");
        line("|---|---:|---:|");
        for (Map.Entry<String, Long> e : t.statusCounts().entrySet()) {
            line("| " + cell(e.getKey()) + " | " + Format.integer(e.getValue()) + " | "
                    + Format.number(100.0 * e.getValue() / total, 1) + " % |");
        }
        line("");
    }

    private void chart(Section<Charts.Chart> chart) {
        switch (chart) {
            case Section.Available<Charts.Chart> a -> {
                line("![" + text(a.value().title()) + "](" + FILES + "/" + a.value().name() + ".svg)");
                line("");
                line("*" + text(a.value().caption()) + "*");
                line("");
            }
            case Section.Unavailable<Charts.Chart> u -> {
                line("*Chart not available: " + text(u.reason()) + ".*");
                line("");
            }
        }
    }

    private void jmh(JmhTable table) {
        line("| variant | from | ms/op | GFLOP/s | GB/s | vs seed | of limit |");
        line("|---|---|---:|---:|---:|---:|---:|");
        for (JmhTable.Row r : table.rows()) {
            String variant = r.from().equals("run") ? "**" + cell(r.variant()) + "**" : cell(r.variant());
            line("| " + variant + (r.params().isEmpty() ? "" : " (" + cell(r.params()) + ")") + " | "
                    + (r.from().equals("run") ? "this run" : "baselines") + " | "
                    + cell(Format.withError(r.ms(), r.errorMs(), 3)) + " | "
                    + cell(Format.withError(r.gflops(), r.gflopsError(), 2)) + " | "
                    + cell(Format.number(r.gbs(), 2)) + " | " + cell(Format.speedup(r.vsSeed())) + " | "
                    + cell(Format.share(r.share())) + " |");
        }
        line("");
        table.notes().forEach(n -> line("- " + text(n)));
        if (!table.notes().isEmpty()) {
            line("");
        }
        chart(charts.jmh());
    }

    private void lineage(Lineage l) {
        PrimaryMetric m = data.primary();
        line("From the seed to `" + code(Format.shortId(l.bestId())) + "` in " + (l.steps().size() - 1) + " step"
                + (l.steps().size() == 2 ? "" : "s")
                + (m == null ? "; speedups and GFLOP/s are each step's screening timing."
                : "; each step's " + text(m.name()) + (m.goal() == null ? "" : " (" + m.goal() + ")")
                + " and other metrics are as the evaluator gave them.")
                + (l.hasSources() ? "" : " Read from the event log: the run folder has no program database, so"
                + " sources and diffs are not available."));
        line("");
        line(m == null ? "| step | id | iteration | origin (rewrites) | speedup | GFLOP/s | lines changed |"
                : "| step | id | iteration | origin (rewrites) | " + cell(m.name()) + " | other metrics | lines changed |");
        line(m == null ? "|---:|---|---:|---|---:|---:|---:|" : "|---:|---|---:|---|---:|---|---:|");
        for (int i = 0; i < l.steps().size(); i++) {
            Lineage.Step s = l.steps().get(i);
            int[] changed = HtmlLineage.changed(s.diff());
            line("| " + i + " | `" + code(Format.shortId(s.id())) + "` | " + s.iteration() + " | "
                    + cell(s.origin()) + (s.status().equals("measured") ? "" : " [" + cell(s.status()) + "]") + " | "
                    + (m == null ? Format.speedup(s.score() > 0 ? s.score() : null) + " | "
                    + Format.figure(s.gflops() > 0 ? s.gflops() : null)
                    : Format.metric(s.metrics().get(m.name())) + " | " + cell(HtmlLineage.otherMetrics(s, m))) + " | "
                    + (i == 0 || !l.hasSources() ? Format.NONE : "+" + changed[0] + " −" + changed[1]) + " |");
        }
        line("");
        if (!l.hasSources()) {
            return;
        }
        for (int i = 1; i < l.steps().size(); i++) {
            Lineage.Step s = l.steps().get(i);
            line("### Step " + i + ": " + text(s.origin()) + " (" + text(HtmlLineage.stepFigure(s, m)) + ")");
            line("");
            if (s.diff().isEmpty()) {
                line("The source is the same as its parent's line for line.");
            } else {
                fenced("diff", s.diff());
            }
            line("");
        }
        line("<details><summary>Source of the best program</summary>");
        line("");
        fenced(m == null ? "java" : "", l.steps().getLast().source().lines().toList());
        line("");
        line("</details>");
        line("");
    }

    private void grids(IslandGrids g) {
        IslandGrids.Layout layout = g.layout();
        List<String> rowDims = g.dimensions().subList(0, layout.rowDimensions());
        List<String> colDims = g.dimensions().subList(layout.rowDimensions(), g.dimensions().size());
        line("Each island keeps its best program (elite) per cell of a grid over " + text(String.join(", ",
                g.dimensions())) + ". Rows are " + text(String.join(" × ", rowDims)) + ", columns "
                + text(colDims.isEmpty() ? "none" : String.join(" × ", colDims)) + " (bins as `a·b`); a cell shows its"
                + " elite's " + (data.scored() ? text(data.primary().label()) : "speedup over the seed")
                + ", `·` an empty cell.");
        line("");
        for (IslandGrids.Island island : g.islands()) {
            line("### Island " + island.index());
            line("");
            line(island.cells().size() + " of " + g.cellCount() + " cells occupied · " + island.programs()
                    + " programs (" + island.measured() + " measured) · " + island.migrantsIn() + " migrants in · "
                    + island.resets() + (island.resets() == 1 ? " reset" : " resets"));
            line("");
            StringBuilder header = new StringBuilder("| " + cell(String.join("·", rowDims)) + " \\ "
                    + cell(String.join("·", colDims)) + " |");
            StringBuilder rule = new StringBuilder("|---|");
            for (List<Integer> column : layout.columns()) {
                header.append(" ").append(bins(column)).append(" |");
                rule.append("---:|");
            }
            line(header.toString());
            line(rule.toString());
            for (List<Integer> row : layout.rows()) {
                StringBuilder sb = new StringBuilder("| " + bins(row) + " |");
                for (List<Integer> column : layout.columns()) {
                    IslandGrids.Elite e = island.cells().get(layout.key(row, column));
                    sb.append(" ").append(e == null ? "·" : data.scored() ? Format.metricShort(e.primary())
                            : Format.figure(e.score())).append(" |");
                }
                line(sb.toString());
            }
            line("");
        }
    }

    private static String bins(List<Integer> bins) {
        if (bins.isEmpty()) {
            return "–";
        }
        StringBuilder sb = new StringBuilder();
        for (int b : bins) {
            sb.append(sb.isEmpty() ? "" : "·").append(b);
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ helpers

    /** A fenced block whose fence is longer than any run of backticks in the lines. */
    private void fenced(String language, List<String> lines) {
        int longest = 0;
        for (String l : lines) {
            int run = 0;
            for (int i = 0; i < l.length(); i++) {
                run = l.charAt(i) == '`' ? run + 1 : 0;
                longest = Math.max(longest, run);
            }
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        line(fence + language);
        lines.forEach(this::line);
        line(fence);
    }

    private void row(String key, String value) {
        line("| " + cell(key) + " | " + cell(value) + " |");
    }

    private void unavailable(String reason) {
        line("*Not available: " + text(reason) + ".*");
        line("");
    }

    private void line(String s) {
        out.append(s).append('\n');
    }

    private static String orDash(String s) {
        return s == null ? Format.NONE : s;
    }

    /** Run text as a table cell: no pipes, no line breaks, no HTML, no emphasis. */
    static String cell(String s) {
        return text(s).replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }

    /** Run text as Markdown prose: HTML and Markdown's inline markers escaped. */
    static String text(String s) {
        if (s == null) {
            return Format.NONE;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '*', '_', '`', '[', ']', '\\', '#' -> sb.append('\\').append(c);
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Text inside an inline code span: backticks would end it. */
    private static String code(String s) {
        return s == null ? Format.NONE : s.replace("`", "'");
    }
}
