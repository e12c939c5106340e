package dev.evolve.engine.report;

import java.util.List;
import static dev.evolve.engine.report.Html.escape;

/**
 * The lineage section of {@code report.html}: the path from the seed to the best program, one
 * step per change with its figure, its other metrics and its diff. The step figures and diff
 * counts are shared with {@code report.md}.
 */
record HtmlLineage(StringBuilder out, RunData data) {

    /** The body of the section, when the run has a lineage. */
    void lineage(Lineage l) {
        PrimaryMetric m = data.primary();
        out.append("<p>From the seed to <code>").append(escape(Format.shortId(l.bestId()))).append("</code> in ")
                .append(l.steps().size() - 1).append(" step").append(l.steps().size() == 2 ? "" : "s")
                .append(m == null ? ". Speedups and GFLOP/s are the screening timings of each step."
                        : ". Each step's <code>" + escape(m.name()) + "</code>" + (m.goal() == null ? ""
                        : " (" + escape(m.goal()) + ")") + " and other metrics are as the evaluator gave them.")
                .append(l.hasSources() ? "" : " Read from the event log: the run folder has no program database, so"
                        + " sources and diffs are not available.")
                .append("</p>\n<table><thead><tr><th class=\"num\">step</th><th>id</th><th class=\"num\">iteration</th>")
                .append("<th>origin (rewrites)</th>")
                .append(m == null ? "<th class=\"num\">speedup</th><th class=\"num\">GFLOP/s</th>"
                        : "<th class=\"num\">" + escape(m.name()) + "</th><th>other metrics</th>")
                .append("<th class=\"num\">lines changed</th></tr></thead><tbody>\n");
        for (int i = 0; i < l.steps().size(); i++) {
            Lineage.Step s = l.steps().get(i);
            int[] changed = changed(s.diff());
            out.append("<tr><td class=\"num\">").append(i).append("</td><td><code>")
                    .append(escape(Format.shortId(s.id()))).append("</code></td><td class=\"num\">")
                    .append(s.iteration()).append("</td><td><code>").append(escape(s.origin())).append("</code>")
                    .append(s.status().equals("measured") ? "" : " <span class=\"muted\">[" + escape(s.status()) + "]</span>")
                    .append("</td>");
            if (m == null) {
                out.append("<td class=\"num\">").append(escape(Format.speedup(s.score() > 0 ? s.score() : null)))
                        .append("</td><td class=\"num\">").append(escape(Format.figure(s.gflops() > 0 ? s.gflops() : null)))
                        .append("</td>");
            } else {
                out.append("<td class=\"num\">").append(escape(Format.metric(s.metrics().get(m.name()))))
                        .append("</td><td class=\"small\">").append(escape(otherMetrics(s, m))).append("</td>");
            }
            out.append("<td class=\"num\">")
                    .append(i == 0 || !l.hasSources() ? Format.NONE
                            : "<span class=\"add\">+" + changed[0] + "</span> <span class=\"del\">−" + changed[1]
                            + "</span>")
                    .append("</td></tr>\n");
        }
        out.append("</tbody></table>\n");
        if (!l.hasSources()) {
            return;
        }
        for (int i = 1; i < l.steps().size(); i++) {
            Lineage.Step s = l.steps().get(i);
            out.append("<details class=\"diff\"").append(s.diff().size() <= 120 ? " open" : "").append("><summary>Step ")
                    .append(i).append(": <code>").append(escape(s.origin())).append("</code> → ")
                    .append(escape(stepFigure(s, data.primary()))).append("</summary>\n");
            if (s.diff().isEmpty()) {
                out.append("<p class=\"muted\">The source is the same as its parent's line for line.</p>\n");
            } else {
                out.append("<pre class=\"diff\">");
                for (String line : s.diff()) {
                    String cls = line.startsWith("+++") || line.startsWith("---") ? "meta"
                            : line.startsWith("@@") ? "hunk" : line.startsWith("+") ? "add"
                            : line.startsWith("-") ? "del" : "ctx";
                    out.append("<span class=\"").append(cls).append("\">").append(escape(line)).append("</span>");
                }
                out.append("</pre>\n");
            }
            out.append("</details>\n");
        }
        Lineage.Step best = l.steps().getLast();
        out.append("<details class=\"source\"><summary>Source of the best program <code>")
                .append(escape(Format.shortId(best.id()))).append("</code></summary>\n<pre class=\"code\">")
                .append(escape(best.source())).append("</pre>\n</details>\n");
    }

    /** A step's headline figure: its speedup, or its primary metric ({@code score = 2.08396}). */
    static String stepFigure(Lineage.Step s, PrimaryMetric m) {
        return m == null ? Format.speedup(s.score() > 0 ? s.score() : null)
                : m.name() + " = " + Format.metric(s.metrics().get(m.name()));
    }

    /** A scored step's metrics other than the primary: {@code worst = 1.42, best = 2.81}; a dash when none. */
    static String otherMetrics(Lineage.Step s, PrimaryMetric m) {
        StringBuilder sb = new StringBuilder();
        s.metrics().forEach((k, v) -> {
            if (!k.equals(m.name())) {
                sb.append(sb.isEmpty() ? "" : ", ").append(k).append(" = ").append(Format.metric(v));
            }
        });
        return sb.isEmpty() ? Format.NONE : sb.toString();
    }

    /** Lines added and removed by a unified diff. */
    static int[] changed(List<String> diff) {
        int add = 0;
        int del = 0;
        for (String line : diff) {
            if (line.startsWith("+") && !line.startsWith("+++")) {
                add++;
            } else if (line.startsWith("-") && !line.startsWith("---")) {
                del++;
            }
        }
        return new int[] {add, del};
    }
}
