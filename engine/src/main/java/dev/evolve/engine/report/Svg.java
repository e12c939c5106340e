package dev.evolve.engine.report;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.knowm.xchart.internal.chartpart.IChart;

/**
 * XChart charts as SVG, through VectorGraphics2D (what XChart's own {@code VectorGraphicsEncoder} does, without
 * its deprecated entry point). Needs no display: charts paint onto a vector canvas.
 */
public final class Svg {

    private static final Pattern ID = Pattern.compile("id=\"([^\"]+)\"");

    private Svg() {
    }

    /** The chart as a standalone SVG document of {@code chart}'s width and height. */
    public static String render(IChart chart) {
        VectorGraphics2D g = new VectorGraphics2D();
        chart.paint(g, chart.getWidth(), chart.getHeight());
        var document = new SVGProcessor().getDocument(g.getCommands(),
                new PageSize(0, 0, chart.getWidth(), chart.getHeight()));
        var out = new ByteArrayOutputStream();
        try {
            document.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the SVG of a chart", e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * The SVG document as an element to put inside an HTML page: without the XML declaration and DOCTYPE,
     * scaled to its container's width, labelled for assistive technology, and with every id (and every
     * reference to it) prefixed with {@code prefix}, so several charts on one page cannot share a clip path.
     */
    public static String inline(String svgDocument, String prefix, String label) {
        int start = svgDocument.indexOf("<svg");
        if (start < 0) {
            throw new IllegalArgumentException("not an SVG document");
        }
        String out = svgDocument.substring(start).strip();
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        for (Matcher m = ID.matcher(out); m.find(); ) {
            ids.add(m.group(1));
        }
        for (String id : ids) {
            out = out.replace("id=\"" + id + "\"", "id=\"" + prefix + id + "\"")
                    .replace("url(#" + id + ")", "url(#" + prefix + id + ")")
                    .replace("href=\"#" + id + "\"", "href=\"#" + prefix + id + "\"");
        }
        int tagEnd = out.indexOf('>');
        String tag = out.substring(0, tagEnd)
                .replaceFirst(" width=\"[^\"]*\"", "")
                .replaceFirst(" height=\"[^\"]*\"", "");
        return tag + " class=\"chart-svg\" role=\"img\" aria-label=\"" + Html.escape(label) + "\""
                + out.substring(tagEnd);
    }
}
