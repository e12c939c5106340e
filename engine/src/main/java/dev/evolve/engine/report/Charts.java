package dev.evolve.engine.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The charts of a report, drawn with XChart and kept as SVG. A chart whose data is missing, or that cannot be
 * drawn (no fonts on the machine, say), is {@link Section.Unavailable} with the reason.
 *
 * @param bestVsTime      best-so-far speedup against run time, every measured child behind it (a scored run: the
 *                        primary metric as the evaluator gave it)
 * @param bestVsIteration the same against iteration
 * @param statusCounts    children per status
 * @param throughput      children evaluated per minute over time
 * @param jmh             JMH GFLOP/s (or ms/op) of the seed, the best and the baselines, with error bars
 */
public record Charts(Section<Chart> bestVsTime, Section<Chart> bestVsIteration, Section<Chart> statusCounts,
                     Section<Chart> throughput, Section<Chart> jmh) {

    /**
     * One chart.
     *
     * @param name    its file name without extension ({@code best-vs-time})
     * @param title   a heading for it
     * @param caption what it shows, one or two sentences
     * @param svg     the standalone SVG document
     */
    public record Chart(String name, String title, String caption, String svg) {
    }

    static final int WIDTH = 640;
    static final int HEIGHT = 320;
    /** Most points drawn for the cloud of measured children; more are thinned evenly. */
    static final int MAX_POINTS = 2000;

    private static final Color INK = new Color(0x1F2937);
    private static final Color MUTED = new Color(0x6B7280);
    private static final Color GRID = new Color(0xE5E7EB);
    private static final Color BLUE = new Color(0x2563EB);
    private static final Color CLOUD = new Color(37, 99, 235, 70);
    private static final Color ORANGE = new Color(0xEA580C);
    private static final Color GREY = new Color(0x9CA3AF);

    /** Status colours: measured green, failures in warm tones, the rest grey. */
    static Color statusColor(String status) {
        return switch (status) {
            case "measured" -> new Color(0x16A34A);
            case "rejected" -> new Color(0xA16207);
            case "compile_error" -> new Color(0xDC2626);
            case "incorrect" -> new Color(0xDB2777);
            case "timeout" -> new Color(0x7C3AED);
            case "crash" -> new Color(0x111827);
            default -> GREY;
        };
    }

    /** Every chart the data allows. */
    public static Charts of(RunData data) {
        Section<Timeline> timeline = data.timeline();
        Timeline t = timeline.orNull();
        String why = timeline instanceof Section.Unavailable<Timeline> u ? u.reason() : "";
        return new Charts(
                t == null ? Section.unavailable(why) : draw(() -> bestVsTime(t)),
                t == null ? Section.unavailable(why) : draw(() -> bestVsIteration(t)),
                t == null ? Section.unavailable(why) : draw(() -> statusCounts(t)),
                t == null ? Section.unavailable(why) : draw(() -> throughput(t)),
                data.jmh().isAvailable() ? draw(() -> jmh(data.jmh().orNull()))
                        : Section.unavailable(((Section.Unavailable<JmhTable>) data.jmh()).reason()));
    }

    /** The available charts, in page order. */
    public List<Chart> available() {
        List<Chart> out = new ArrayList<>();
        for (Section<Chart> s : List.of(bestVsTime, bestVsIteration, statusCounts, throughput, jmh)) {
            if (s.orNull() != null) {
                out.add(s.orNull());
            }
        }
        return out;
    }

    /** A chart, or why it is missing: the builder says "no data" by returning unavailable, drawing errors too. */
    private static Section<Chart> draw(Supplier<Section<Chart>> build) {
        try {
            return build.get();
        } catch (RuntimeException | LinkageError | InternalError e) {
            return Section.unavailable("the chart could not be drawn: " + e);
        }
    }

    // ------------------------------------------------------------------ the charts

    static Section<Chart> bestVsTime(Timeline t) {
        List<Timeline.Best> best = t.bestSoFar();
        if (best.isEmpty()) {
            return Section.unavailable("no measured program in the event log yet");
        }
        TimeAxis time = TimeAxis.of(t);
        BestPlot plot = BestPlot.overTime(t);
        XYChart chart = xy(time.title(), yTitle(t, plot));
        chart.getStyler().setYAxisLogarithmic(plot.logarithmic());
        draw(chart, plot);
        if (!t.confirmations().isEmpty() && !t.scored()) {
            List<Double> cx = new ArrayList<>();
            List<Double> cy = new ArrayList<>();
            for (Timeline.Confirmation c : t.confirmations()) {
                if (c.speedup() > 0) {
                    cx.add(c.seconds() / time.scale());
                    cy.add(c.speedup());
                }
            }
            if (!cx.isEmpty()) {
                XYSeries s = chart.addSeries("confirmed with JMH", cx, cy);
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                s.setMarker(SeriesMarkers.DIAMOND);
                s.setMarkerColor(ORANGE);
            }
        }
        if (t.scored()) {
            return scoredBest("best-vs-time", "run time", "run time", t, plot, chart);
        }
        return Section.of(new Chart("best-vs-time", "Best speedup over run time",
                "Best-so-far speedup over the seed (screening timings, log scale) against run time; dots are"
                        + " every measured child" + (t.confirmations().isEmpty() ? "." : ", diamonds JMH confirmations."),
                Svg.render(chart)));
    }

    /**
     * A best-so-far chart of a run whose programs are judged by their own evaluator: titled "over
     * {@code over}", captioned "against {@code x}".
     */
    private static Section<Chart> scoredBest(String name, String over, String x, Timeline t, BestPlot plot,
                                             XYChart chart) {
        return Section.of(new Chart(name, "Best " + t.primary().name() + " over " + over,
                "Best-so-far " + t.primary().label() + ", as the evaluator gave it" + (plot.logarithmic()
                        ? " (log scale)" : "") + ", against " + x + "; dots are every measured child.",
                Svg.render(chart)));
    }

    static Section<Chart> bestVsIteration(Timeline t) {
        List<Timeline.Best> best = t.bestSoFar();
        if (best.isEmpty()) {
            return Section.unavailable("no measured program in the event log yet");
        }
        BestPlot plot = BestPlot.overIterations(t);
        XYChart chart = xy("iteration (children entered into evaluation)", yTitle(t, plot));
        chart.getStyler().setYAxisLogarithmic(plot.logarithmic());
        draw(chart, plot);
        if (t.scored()) {
            return scoredBest("best-vs-iteration", "iterations", "iteration", t, plot, chart);
        }
        return Section.of(new Chart("best-vs-iteration", "Best speedup over iterations",
                "Best-so-far speedup over the seed (log scale) against iteration; dots are every measured child.",
                Svg.render(chart)));
    }

    /** The y axis of the best-so-far charts: speedup (log), or the primary metric with its goal. */
    private static String yTitle(Timeline t, BestPlot plot) {
        return !t.scored() ? "speedup over the seed (log)"
                : t.primary().label() + (plot.logarithmic() ? " (log)" : "");
    }

    static Section<Chart> statusCounts(Timeline t) {
        if (t.statusCounts().isEmpty()) {
            return Section.unavailable("no child has been evaluated yet");
        }
        CategoryChart chart = category("status", "children");
        List<String> statuses = new ArrayList<>(t.statusCounts().keySet());
        statuses.sort(java.util.Comparator.comparingInt(Charts::statusOrder));
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        chart.getStyler().setLabelsFontColor(INK);
        chart.getStyler().setLabelsFontColorAutomaticEnabled(false);
        chart.getStyler().setLabelsPosition(1.04);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisDecimalPattern("#,##0");
        Color[] colors = new Color[statuses.size()];
        for (int i = 0; i < statuses.size(); i++) {
            String status = statuses.get(i);
            List<Double> values = new ArrayList<>();
            for (String s : statuses) {
                values.add(s.equals(status) ? (double) t.statusCounts().get(s) : 0.0);
            }
            chart.addSeries(status, statuses, values);
            colors[i] = statusColor(status);
        }
        chart.getStyler().setSeriesColors(colors);
        return Section.of(new Chart("status-counts", "Children per status", t.scored()
                ? "How the evaluator judged every child: measured (given a score), or what stopped it."
                : "How the evaluation cascade judged every child: measured (correct and timed), or the stage that"
                        + " stopped it.", Svg.render(chart)));
    }

    static Section<Chart> throughput(Timeline t) {
        List<Timeline.Rate> rates = t.throughput();
        if (rates.isEmpty()) {
            return Section.unavailable("no child has been evaluated yet");
        }
        TimeAxis time = TimeAxis.of(t);
        XYChart chart = xy(time.title(), "children per minute");
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (Timeline.Rate r : rates) {          // a step per interval: flat over it
            x.add(r.fromSeconds() / time.scale());
            y.add(r.perMinute());
            x.add(r.toSeconds() / time.scale());
            y.add(r.perMinute());
        }
        XYSeries s = chart.addSeries("children per minute", x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(BLUE);
        s.setFillColor(new Color(37, 99, 235, 40));
        s.setLineWidth(1.8f);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setYAxisMin(0.0);
        xRange(chart, x.getLast());
        double width = rates.getFirst().toSeconds() - rates.getFirst().fromSeconds();
        return Section.of(new Chart("throughput", "Throughput",
                String.format(Locale.ROOT, "Children evaluated per minute, over intervals of %s of run time.",
                        width >= 60 ? Format.number(width / 60, 0) + " min" : Format.number(width, 0) + " s"),
                Svg.render(chart)));
    }

    static Section<Chart> jmh(JmhTable table) {
        if (table.rows().isEmpty()) {
            return Section.unavailable("no JMH figures to draw");
        }
        boolean gflops = table.rows().stream().allMatch(r -> r.gflops() != null);
        CategoryChart chart = category("", gflops ? "GFLOP/s (JMH)" : "ms per operation (JMH)");
        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<Double> errors = new ArrayList<>();
        for (JmhTable.Row r : table.rows()) {
            String label = r.from().equals("run") ? r.variant() + " (this run)" : r.variant();
            if (!r.params().isEmpty()) {
                label += " [" + r.params() + "]";
            }
            while (labels.contains(label)) {
                label += "'";
            }
            labels.add(label);
            values.add(gflops ? r.gflops() : r.ms());
            Double err = gflops ? r.gflopsError() : r.errorMs();
            errors.add(err == null ? 0.0 : err);
        }
        CategorySeries s = chart.addSeries(gflops ? "GFLOP/s" : "ms/op", labels, values, errors);
        s.setFillColor(BLUE);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setErrorBarsColor(INK);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        chart.getStyler().setLabelsFontColorAutomaticEnabled(false);
        chart.getStyler().setLabelsFontColor(INK);
        chart.getStyler().setLabelsPosition(1.06);
        chart.getStyler().setYAxisDecimalPattern("#,##0.##");
        if (labels.size() > 4) {
            chart.getStyler().setXAxisLabelRotation(20);
        }
        return Section.of(new Chart("jmh", "JMH: seed, best and baselines",
                (gflops ? "GFLOP/s" : "Time per operation") + " measured with JMH; error bars are JMH's 99.9 % error"
                        + " (none where JMH gave none).", Svg.render(chart)));
    }

    // ------------------------------------------------------------------ shared look

    private static void draw(XYChart chart, BestPlot plot) {
        if (!plot.cloudX().isEmpty()) {
            XYSeries s = chart.addSeries("measured child", plot.cloudX(), plot.cloudY());
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(CLOUD);
        }
        addBestLine(chart, plot.bestX(), plot.bestY());
        xRange(chart, plot.bestX().getLast());
    }

    private static void addBestLine(XYChart chart, List<Double> x, List<Double> y) {
        XYSeries s = chart.addSeries("best so far", x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(BLUE);
        s.setLineWidth(2.2f);
    }

    /**
     * The x axis from 0 to a round number at or above {@code max}: without explicit bounds XChart puts the ticks of
     * evenly spaced integer data on data values (0, 52, 104, ...).
     */
    private static void xRange(XYChart chart, double max) {
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax(roundUp(max));
    }

    /** The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10 times a power of ten that is at least {@code v}. */
    static double roundUp(double v) {
        if (!(v > 0)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
            if (m * p >= v * (1 - 1e-12)) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static XYChart xy(String xTitle, String yTitle) {
        XYChart chart = new XYChart(WIDTH, HEIGHT);
        chart.setXAxisTitle(xTitle);
        chart.setYAxisTitle(yTitle);
        look(chart.getStyler());
        chart.getStyler().setMarkerSize(5);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        return chart;
    }

    private static CategoryChart category(String xTitle, String yTitle) {
        CategoryChart chart = new CategoryChart(WIDTH, HEIGHT);
        chart.setXAxisTitle(xTitle);
        chart.setYAxisTitle(yTitle);
        look(chart.getStyler());
        chart.getStyler().setXAxisTitleVisible(!xTitle.isEmpty());
        chart.getStyler().setAvailableSpaceFill(0.6);
        chart.getStyler().setPlotGridVerticalLinesVisible(false);
        return chart;
    }

    private static void look(AxesChartStyler s) {
        Font base = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setChartTitleVisible(false);
        s.setChartPadding(8);
        s.setChartFontColor(INK);
        s.setAxisTitleFont(base);
        s.setAxisTickLabelsFont(base.deriveFont(11f));
        s.setAxisTickLabelsColor(MUTED);
        s.setAxisTickMarksColor(GRID);
        s.setPlotGridLinesColor(GRID);
        s.setPlotGridLinesStroke(new BasicStroke(1f));
        s.setLegendFont(base.deriveFont(11f));
        s.setLegendBorderColor(Color.WHITE);
        s.setLegendBackgroundColor(new Color(255, 255, 255, 220));
        s.setLocale(Locale.ROOT);
        s.setAntiAlias(true);
    }

    private static int statusOrder(String status) {
        int i = List.of("measured", "rejected", "compile_error", "incorrect", "timeout", "crash").indexOf(status);
        return i < 0 ? 100 : i;
    }
}
