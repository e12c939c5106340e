package dev.evolve.engine.report;

import static dev.evolve.engine.report.Html.escape;

import dev.evolve.engine.record.Machine;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * {@code report.html}: one self-contained page (inline CSS and SVG; no script, font, image or style sheet from
 * anywhere else), readable offline and printable. Every text taken from the run is escaped. A scored run (its
 * programs judged by their own evaluator) shows its primary metric in place of GFLOP/s and speedups, and has no
 * JMH section.
 */
public final class HtmlReport {

    private final RunData data;
    private final Charts charts;
    private final Instant made;
    private final StringBuilder out = new StringBuilder(256 * 1024);
    private int chartCount;

    private HtmlReport(RunData data, Charts charts, Instant made) {
        this.data = data;
        this.charts = charts;
        this.made = made;
    }

    /** The page. */
    public static String render(RunData data, Charts charts, Instant made) {
        return new HtmlReport(data, charts, made).page();
    }

    private String page() {
        RunData.Header h = data.header();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape("evolve report: " + h.runId())).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n");
        header();
        nav();
        section("progress", "Progress", data.timeline(), this::progress);
        if (!data.scored()) {    // programs judged by their own evaluator are not timed
            section("jmh", "JMH figures", data.jmh(), this::jmh);
        }
        section("lineage", "Lineage of the best program", data.lineage(), new HtmlLineage(out, data)::lineage);
        section("grids", "MAP-Elites grids", data.grids(), new HtmlGrids(out, data)::grids);
        GuidanceTable.read(data.dir()).ifPresent(g -> out.append(g.html()));
        notes();
        out.append("<footer>Made by <code>evolve report</code> on ")
                .append(escape(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC)
                        .format(made)))
                .append(" from <code>").append(escape(data.dir().toString())).append("</code>.</footer>\n")
                .append("</main>\n</body>\n</html>\n");
        return out.toString();
    }

    // ------------------------------------------------------------------ header

    private void header() {
        RunData.Header h = data.header();
        out.append("<header>\n<p class=\"kicker\">evolve run report</p>\n<h1>")
                .append(escape(h.target() == null ? "unknown target" : h.target())).append(" <span class=\"runid\">")
                .append(escape(h.runId())).append("</span></h1>\n");
        out.append("<dl class=\"meta\">\n");
        meta("Status", "<span class=\"status status-" + escape(h.status()) + "\">" + escape(h.status()) + "</span>"
                + (h.statusNote() == null ? "" : " <span class=\"muted\">" + escape(h.statusNote()) + "</span>"));
        meta("Target", escape(orDash(h.target())));
        meta("Seed", escape(h.seed() == null ? Format.NONE : Long.toString(h.seed())));
        meta("Run id", "<code>" + escape(h.runId()) + "</code>");
        meta("Started", escape(Format.timestamp(h.created())));
        meta("Wall time", escape(Format.duration(h.wallSeconds())));
        meta("Mutator", escape(orDash(h.mutator())));
        meta("Budget", escape(orDash(h.budget())));
        Machine m = h.machine();
        meta("Machine", escape(m.cores() + " cores, " + m.cpuModel()) + (h.machineOfRun() ? ""
                : " <span class=\"muted\">(where this report was made; the run folder does not record its machine)</span>"));
        meta("JDK", escape(m.jdk() + ", " + m.os().strip()));
        out.append("</dl>\n");
        switch (data.figures()) {
            case Section.Available<RunData.Figures> a -> tiles(a.value());
            case Section.Unavailable<RunData.Figures> u -> unavailable(u.reason());
        }
        out.append("</header>\n");
    }

    private void tiles(RunData.Figures f) {
        if (f.scored() != null) {
            scoredTiles(f, f.scored());
            return;
        }
        String basis = f.confirmedWithJmh() ? "JMH" : "screening";
        out.append("<div class=\"tiles\">\n");
        tile("Seed", Format.figure(f.seedGflops()), "GFLOP/s");
        tile("Best", Format.figure(f.bestGflops()), "GFLOP/s (" + basis + ")");
        tile("Speedup", Format.speedup(f.bestSpeedup()), "over the seed (" + basis + ")");
        if (f.bestGbs() != null) {
            tile("Best bandwidth", Format.figure(f.bestGbs()), "GB/s effective (seed " + Format.figure(f.seedGbs())
                    + ")");
        }
        searchTiles(f);
        out.append("</div>\n");
        if (f.bestOrigin() != null || f.bestId() != null) {
            out.append("<p class=\"muted small\">Best program <code>").append(escape(Format.shortId(f.bestId())))
                    .append("</code>").append(f.bestOrigin() == null ? "" : ", made by <code>"
                            + escape(f.bestOrigin()) + "</code>")
                    .append(f.timingSize() == null ? "" : "; timed at n = " + f.timingSize()).append(".</p>\n");
        }
    }

    /** The tiles of the search itself, whatever judged its programs. */
    private void searchTiles(RunData.Figures f) {
        tile("Evaluated", Format.integer(f.candidates()), "children, " + Format.integer(f.duplicates())
                + " duplicates skipped");
        tile("Throughput", Format.figure(f.candidatesPerMinute()), "children per minute");
    }

    private void scoredTiles(RunData.Figures f, RunData.Scored sc) {
        PrimaryMetric m = sc.metric();
        out.append("<div class=\"tiles\">\n");
        tile("Seed", Format.metric(sc.seed()), m.name());
        tile("Best", Format.metric(sc.best()), m.label());
        Double ratio = sc.ratio();
        tile("Improvement", Format.signedMetric(sc.difference()), ratio == null ? "best − seed"
                : "best − seed; " + ratioText(m, ratio));
        searchTiles(f);
        out.append("</div>\n");
        out.append("<p class=\"muted small\">Programs judged by their own evaluator: figures are its primary metric <code>")
                .append(escape(m.name())).append("</code> as it gave them")
                .append(m.goal() == null ? "" : " (" + escape(m.goal()) + ")").append(".");
        if (f.bestOrigin() != null || f.bestId() != null) {
            out.append(" Best program <code>").append(escape(Format.shortId(f.bestId()))).append("</code>")
                    .append(f.bestOrigin() == null ? "" : ", made by <code>" + escape(f.bestOrigin()) + "</code>")
                    .append(".");
        }
        out.append("</p>\n");
    }

    /** {@code 1.08× higher}, {@code 20.8× lower}, or {@code best / seed = 1.08×} when the goal is not known. */
    static String ratioText(PrimaryMetric m, double ratio) {
        return m.goal() == null ? "best / seed = " + Format.speedup(ratio)
                : Format.speedup(ratio) + (m.higherIsBetter() ? " higher" : " lower");
    }

    private void tile(String label, String value, String unit) {
        out.append("<div class=\"tile\"><div class=\"label\">").append(escape(label))
                .append("</div><div class=\"value\">").append(escape(value)).append("</div><div class=\"unit\">")
                .append(escape(unit)).append("</div></div>\n");
    }

    private void meta(String key, String html) {
        out.append("<div><dt>").append(escape(key)).append("</dt><dd>").append(html).append("</dd></div>\n");
    }

    private void nav() {
        out.append("<nav><a href=\"#progress\">Progress</a>").append(data.scored() ? "" : "<a href=\"#jmh\">JMH</a>")
                .append("<a href=\"#lineage\">Lineage</a>")
                .append("<a href=\"#grids\">MAP-Elites grids</a>")
                .append(data.notes().isEmpty() ? "" : "<a href=\"#notes\">Notes</a>").append("</nav>\n");
    }

    // ------------------------------------------------------------------ progress

    private void progress(Timeline t) {
        out.append("<div class=\"charts\">\n");
        chart(charts.bestVsTime());
        chart(charts.bestVsIteration());
        chart(charts.statusCounts());
        chart(charts.throughput());
        out.append("</div>\n");
        long total = t.statusCounts().values().stream().mapToLong(Long::longValue).sum();
        out.append("<table class=\"compact\"><thead><tr><th>status</th><th class=\"num\">children</th>")
                .append("<th class=\"num\">share</th></tr></thead><tbody>\n");
        for (Map.Entry<String, Long> e : t.statusCounts().entrySet()) {
            out.append("<tr><td><span class=\"dot\" style=\"background:")
                    .append(hex(Charts.statusColor(e.getKey()))).append("\"></span>").append(escape(e.getKey()))
                    .append("</td><td class=\"num\">").append(Format.integer(e.getValue()))
                    .append("</td><td class=\"num\">").append(Format.number(100.0 * e.getValue() / total, 1))
                    .append(" %</td></tr>\n");
        }
        out.append("</tbody></table>\n");
    }

    private void chart(Section<Charts.Chart> chart) {
        switch (chart) {
            case Section.Available<Charts.Chart> a -> {
                Charts.Chart c = a.value();
                chartCount++;
                out.append("<figure class=\"chart\" id=\"chart-").append(escape(c.name())).append("\">\n")
                        .append(Svg.inline(c.svg(), "c" + chartCount + "-", c.title())).append("\n<figcaption><strong>")
                        .append(escape(c.title())).append(".</strong> ").append(escape(c.caption()))
                        .append("</figcaption>\n</figure>\n");
            }
            case Section.Unavailable<Charts.Chart> u -> out.append("<figure class=\"chart missing\"><p class=\"na\">")
                    .append("Chart not available: ").append(escape(u.reason())).append("</p></figure>\n");
        }
    }

    // ------------------------------------------------------------------ JMH

    private void jmh(JmhTable table) {
        out.append("<div class=\"split\">\n<div>\n<table><thead><tr><th>variant</th><th>from</th>")
                .append("<th class=\"num\">ms/op</th><th class=\"num\">GFLOP/s</th>")
                .append("<th class=\"num\">GB/s</th><th class=\"num\">vs seed</th>")
                .append("<th class=\"num\">of limit</th></tr></thead><tbody>\n");
        for (JmhTable.Row r : table.rows()) {
            out.append("<tr").append(r.from().equals("run") ? " class=\"ours\"" : "").append("><td>")
                    .append(escape(r.variant()))
                    .append(r.params().isEmpty() ? "" : " <span class=\"muted small\">" + escape(r.params())
                            + "</span>")
                    .append("</td><td>").append(r.from().equals("run") ? "this run" : "baselines")
                    .append("</td><td class=\"num\">").append(escape(Format.withError(r.ms(), r.errorMs(), 3)))
                    .append("</td><td class=\"num\">").append(escape(Format.withError(r.gflops(),
                            r.gflopsError(), 2)))
                    .append("</td><td class=\"num\">").append(escape(Format.number(r.gbs(), 2)))
                    .append("</td><td class=\"num\">").append(escape(Format.speedup(r.vsSeed())))
                    .append("</td><td class=\"num\">").append(escape(Format.share(r.share())))
                    .append("</td></tr>\n");
        }
        out.append("</tbody></table>\n");
        for (String note : table.notes()) {
            out.append("<p class=\"muted small\">").append(escape(note)).append(".</p>\n");
        }
        out.append("</div>\n");
        chart(charts.jmh());
        out.append("</div>\n");
    }

    // ------------------------------------------------------------------ notes and helpers

    private void notes() {
        if (data.notes().isEmpty()) {
            return;
        }
        out.append("<section id=\"notes\">\n<h2>Notes</h2>\n<ul>\n");
        for (String n : data.notes()) {
            out.append("<li>").append(escape(n)).append("</li>\n");
        }
        out.append("</ul>\n</section>\n");
    }

    /** A section: its heading, then {@code body} on what the run has, or why it is not available. */
    private <T> void section(String id, String title, Section<T> section, java.util.function.Consumer<T> body) {
        out.append("<section id=\"").append(id).append("\">\n<h2>").append(title).append("</h2>\n");
        switch (section) {
            case Section.Unavailable<T> u -> unavailable(u.reason());
            case Section.Available<T> a -> body.accept(a.value());
        }
        out.append("</section>\n");
    }

    private void unavailable(String reason) {
        out.append("<p class=\"na\">Not available: ").append(escape(reason)).append(".</p>\n");
    }

    private static String orDash(String s) {
        return s == null ? Format.NONE : s;
    }

    private static String hex(java.awt.Color c) {
        return String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    private static final String CSS = """
            :root { --ink: #1f2937; --muted: #6b7280; --line: #e5e7eb; --soft: #f9fafb; --accent: #2563eb; }
            * { box-sizing: border-box; }
            html { -webkit-text-size-adjust: 100%; }
            body { margin: 0; background: #f3f4f6; color: var(--ink);
                   font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
            main { max-width: 1180px; margin: 0 auto; padding: 28px 28px 40px; background: #fff;
                   min-height: 100vh; box-shadow: 0 0 0 1px var(--line); }
            h1 { font-size: 28px; margin: 0 0 14px; letter-spacing: -0.01em; }
            h1 .runid { font-size: 16px; font-weight: 400; color: var(--muted); margin-left: 8px; }
            h2 { font-size: 20px; margin: 0 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
            h3 { font-size: 15px; margin: 0 0 2px; }
            section { margin-top: 34px; }
            .kicker { text-transform: uppercase; letter-spacing: .08em; font-size: 12px; color: var(--accent);
                      margin: 0 0 2px; font-weight: 600; }
            .muted { color: var(--muted); }
            .small { font-size: 13px; }
            code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
                        font-size: 12.5px; }
            dl.meta { display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); gap: 6px 24px;
                      margin: 0 0 18px; }
            dl.meta div { display: flex; gap: 10px; }
            dl.meta dt { color: var(--muted); min-width: 84px; flex: none; }
            dl.meta dd { margin: 0; }
            .status { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 13px;
                      background: #e5e7eb; }
            .status-finished { background: #dcfce7; color: #166534; }
            .status-running, .status-unknown { background: #fef3c7; color: #92400e; }
            .status-interrupted, .status-stopped { background: #fee2e2; color: #991b1b; }
            .tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px;
                     margin: 6px 0 8px; }
            .tile { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; background: var(--soft); }
            .tile .label { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .05em; }
            .tile .value { font-size: 26px; font-weight: 600; font-variant-numeric: tabular-nums; }
            .tile .unit { font-size: 12px; color: var(--muted); }
            nav { position: sticky; top: 0; background: rgba(255,255,255,.96); border-bottom: 1px solid var(--line);
                  margin: 22px -28px 0; padding: 8px 28px; display: flex; gap: 20px; z-index: 1; font-size: 14px; }
            nav a { color: var(--accent); text-decoration: none; }
            .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); gap: 18px; }
            figure.chart { margin: 0; border: 1px solid var(--line); border-radius: 8px; padding: 8px 10px 10px; }
            figure.chart svg { display: block; width: 100%; height: auto; }
            figcaption { font-size: 13px; color: var(--muted); margin-top: 4px; }
            figcaption strong { color: var(--ink); }
            .split { display: grid; grid-template-columns: minmax(0, 1.1fr) minmax(0, 1fr); gap: 18px;
                     align-items: start; }
            @media (max-width: 900px) { .split { grid-template-columns: 1fr; } }
            table { border-collapse: collapse; width: 100%; font-size: 14px; margin: 6px 0 10px; }
            table.compact { width: auto; min-width: 320px; margin-top: 16px; }
            th, td { padding: 6px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
            thead th { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted);
                       background: var(--soft); }
            tbody tr:nth-child(even) td { background: #fcfcfd; }
            td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            tr.ours td { background: #eff6ff !important; }
            .dot { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 8px; }
            .add { color: #15803d; }
            .del { color: #b91c1c; }
            details { border: 1px solid var(--line); border-radius: 8px; margin: 10px 0; background: #fff; }
            details > summary { cursor: pointer; padding: 8px 12px; background: var(--soft); border-radius: 8px;
                                font-size: 14px; }
            details[open] > summary { border-bottom: 1px solid var(--line); border-radius: 8px 8px 0 0; }
            pre { margin: 0; padding: 10px 12px; overflow-x: auto; line-height: 1.45; }
            pre.diff span { display: block; white-space: pre; min-height: 1.45em; }
            pre.diff .add { background: #ecfdf5; color: #065f46; }
            pre.diff .del { background: #fef2f2; color: #991b1b; }
            pre.diff .hunk { color: #6d28d9; background: #f5f3ff; }
            pre.diff .meta { color: var(--muted); }
            .islands { display: grid; grid-template-columns: repeat(auto-fit, minmax(500px, 1fr)); gap: 22px 28px; }
            .scroll { overflow-x: auto; }
            table.grid { width: auto; font-size: 11px; border-collapse: separate; border-spacing: 2px; }
            table.grid th, table.grid td { border: 0; padding: 2px 4px; text-align: center; white-space: nowrap; }
            table.grid thead th { background: none; text-transform: none; letter-spacing: 0; font-size: 11px; }
            table.grid th.corner { text-align: right; vertical-align: bottom; color: var(--muted); font-weight: 400;
                                   font-style: italic; line-height: 1.3; }
            table.grid th.corner span { display: block; }
            table.grid th.bin { color: var(--muted); }
            table.grid th.bin.outer { border-bottom: 2px solid var(--line); color: var(--ink); font-weight: 600; }
            table.grid th.rowbin { text-align: right; color: var(--muted); }
            table.grid th.rowbin.outer { color: var(--ink); font-weight: 600; vertical-align: middle;
                                         border-right: 2px solid var(--line); }
            table.grid td { width: 34px; min-width: 34px; height: 22px; border-radius: 3px;
                            font-variant-numeric: tabular-nums; }
            table.grid td.empty { background: #f3f4f6 !important; }
            table.grid td.elite.dark { color: #fff; }
            table.grid td.best { outline: 2px solid #ea580c; outline-offset: -1px; font-weight: 700; }
            .legend { display: flex; align-items: center; gap: 8px; font-size: 13px; margin: 4px 0 14px; }
            .legend .ramp { display: inline-block; width: 180px; height: 12px; border-radius: 3px;
                            background: linear-gradient(90deg, #eff6ff, #bfdbfe, #60a5fa, #2563eb, #1e3a8a); }
            p.na { color: #92400e; background: #fffbeb; border: 1px solid #fde68a; border-radius: 6px;
                   padding: 8px 12px; }
            figure.missing { display: flex; align-items: center; }
            footer { margin-top: 40px; font-size: 12px; color: var(--muted); border-top: 1px solid var(--line);
                     padding-top: 10px; }
            @media print { nav { display: none; } body { background: #fff; } main { box-shadow: none; } }
            """;
}
