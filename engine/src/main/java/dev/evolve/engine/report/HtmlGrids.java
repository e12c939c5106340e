package dev.evolve.engine.report;

import java.util.List;
import static dev.evolve.engine.report.Html.escape;

/**
 * The MAP-Elites section of {@code report.html}: each island's grid of elites over the feature
 * dimensions, cells shaded by score, the run's best marked.
 */
record HtmlGrids(StringBuilder out, RunData data) {

    /** The body of the section, when the run has island grids. */
    void grids(IslandGrids g) {
        IslandGrids.Layout layout = g.layout();
        List<String> rowDims = g.dimensions().subList(0, layout.rowDimensions());
        List<String> colDims = g.dimensions().subList(layout.rowDimensions(), g.dimensions().size());
        double[] range = g.scoreRange();
        String bestId = data.lineage().isAvailable() ? data.lineage().orNull().bestId() : null;
        out.append("<p>Each island keeps the best program (the elite) of every cell of a grid over the feature")
                .append(" dimensions ").append(escape(String.join(", ", g.dimensions())))
                .append(". Rows: ").append(escape(String.join(" × ", rowDims))).append("; columns: ")
                .append(escape(colDims.isEmpty() ? "none" : String.join(" × ", colDims)))
                .append(data.scored() ? ". A cell shows its elite's " + escape(data.primary().label())
                        + " (shaded from worst to best); hover for its id and origin."
                        : ". A cell shows its elite's speedup over the seed; hover for its id and origin.")
                .append(bestId == null ? "" : " The outlined cell holds the run's best.").append("</p>\n");
        if (range[1] > 0 && data.scored()) {
            List<IslandGrids.Elite> ends = g.extremes();
            out.append("<div class=\"legend\"><span>").append(escape(Format.metric(ends.get(0).primary())))
                    .append("</span><span class=\"ramp\"></span><span>").append(escape(Format.metric(ends.get(1).primary())))
                    .append("</span><span class=\"muted small\">(worst to best)</span></div>\n");
        } else if (range[1] > 0) {
            out.append("<div class=\"legend\"><span>").append(escape(Format.speedup(range[0])))
                    .append("</span><span class=\"ramp\"></span><span>").append(escape(Format.speedup(range[1])))
                    .append("</span><span class=\"muted small\">(log scale)</span></div>\n");
        }
        out.append("<div class=\"islands\">\n");
        for (IslandGrids.Island island : g.islands()) {
            out.append("<div class=\"island\">\n<h3>Island ").append(island.index()).append("</h3>\n")
                    .append("<p class=\"muted small\">").append(island.cells().size()).append(" of ")
                    .append(g.cellCount()).append(" cells occupied · ").append(Format.integer(island.programs()))
                    .append(" programs (").append(Format.integer(island.measured())).append(" measured) · ")
                    .append(island.migrantsIn()).append(" migrants in · ").append(island.resets())
                    .append(island.resets() == 1 ? " reset" : " resets").append("</p>\n");
            gridTable(g, layout, island, rowDims, colDims, range, bestId);
            out.append("</div>\n");
        }
        out.append("</div>\n");
    }

    private void gridTable(IslandGrids g, IslandGrids.Layout layout, IslandGrids.Island island, List<String> rowDims,
                           List<String> colDims, double[] range, String bestId) {
        List<Integer> colBins = g.bins().subList(layout.rowDimensions(), g.bins().size());
        List<Integer> rowBins = g.bins().subList(0, layout.rowDimensions());
        out.append("<div class=\"scroll\"><table class=\"grid\"><thead>\n");
        // outer dimensions are named in their spanning headers; the innermost row and column dimensions in the corner
        int headerRows = Math.max(1, colDims.size());
        for (int k = 0; k < headerRows; k++) {
            out.append("<tr>");
            if (k == 0) {
                out.append("<th class=\"corner\" colspan=\"").append(rowDims.size()).append("\" rowspan=\"")
                        .append(headerRows).append("\"><span>↓ ").append(escape(rowDims.getLast())).append("</span>")
                        .append(colDims.isEmpty() ? "" : "<span>→ " + escape(colDims.getLast()) + "</span>")
                        .append("</th>");
            }
            if (colDims.isEmpty()) {
                out.append("<th class=\"bin\"></th>");
            } else {
                boolean inner = k == colDims.size() - 1;
                int span = product(colBins.subList(k + 1, colBins.size()));
                for (int c = 0; c < layout.columns().size(); c += span) {
                    out.append("<th").append(span > 1 ? " colspan=\"" + span + "\"" : "").append(" class=\"bin")
                            .append(inner ? "" : " outer").append("\">")
                            .append(inner ? "" : escape(colDims.get(k)) + " ")
                            .append(layout.columns().get(c).get(k)).append("</th>");
                }
            }
            out.append("</tr>\n");
        }
        out.append("</thead><tbody>\n");
        for (int r = 0; r < layout.rows().size(); r++) {
            List<Integer> row = layout.rows().get(r);
            out.append("<tr>");
            for (int k = 0; k < rowDims.size(); k++) {
                int span = product(rowBins.subList(k + 1, rowBins.size()));
                if (r % span == 0) {
                    boolean inner = k == rowDims.size() - 1;
                    out.append("<th class=\"rowbin").append(inner ? "" : " outer").append("\"")
                            .append(span > 1 ? " rowspan=\"" + span + "\"" : "").append(">")
                            .append(inner ? "" : escape(rowDims.get(k)) + " ").append(row.get(k)).append("</th>");
                }
            }
            for (List<Integer> column : layout.columns()) {
                String key = layout.key(row, column);
                IslandGrids.Elite e = island.cells().get(key);
                if (e == null) {
                    out.append("<td class=\"empty\"></td>");
                    continue;
                }
                double t = range[1] <= range[0] ? 1 : (Math.log(e.score()) - Math.log(range[0]))
                        / (Math.log(range[1]) - Math.log(range[0]));
                out.append("<td class=\"elite").append(e.id().equals(bestId) ? " best" : "")
                        .append(t > 0.55 ? " dark" : "").append("\" style=\"background:").append(ramp(t))
                        .append("\" title=\"").append(escape("cell " + key + " · " + (data.scored()
                                ? data.primary().name() + " = " + Format.metric(e.primary())
                                : Format.speedup(e.score()) + " · " + Format.figure(e.gflops()) + " GFLOP/s")
                                + " · " + e.origin() + " · " + e.id()))
                        .append("\">").append(escape(data.scored() ? Format.metricShort(e.primary())
                                : Format.figure(e.score()))).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody></table></div>\n");
    }

    private static int product(List<Integer> bins) {
        int p = 1;
        for (int b : bins) {
            p *= b;
        }
        return p;
    }

    /** The colour at {@code t} in [0, 1] of the grid's light-to-dark blue ramp. */
    static String ramp(double t) {
        int[][] stops = {{0xEF, 0xF6, 0xFF}, {0xBF, 0xDB, 0xFE}, {0x60, 0xA5, 0xFA}, {0x25, 0x63, 0xEB},
                {0x1E, 0x3A, 0x8A}};
        double x = Math.max(0, Math.min(1, t)) * (stops.length - 1);
        int i = Math.min(stops.length - 2, (int) Math.floor(x));
        double f = x - i;
        int[] c = new int[3];
        for (int k = 0; k < 3; k++) {
            c[k] = (int) Math.round(stops[i][k] + (stops[i + 1][k] - stops[i][k]) * f);
        }
        return String.format("#%02x%02x%02x", c[0], c[1], c[2]);
    }
}
