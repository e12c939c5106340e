package dev.evolve.engine.report;

import dev.evolve.engine.record.RunFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the report of a run folder: {@code report.html}, {@code report.md} and the chart files in
 * {@code report-files/}, each replaced atomically, into the run folder or another folder.
 */
public final class ReportWriter {

    private ReportWriter() {
    }

    /**
     * What was written.
     *
     * @param html    {@code report.html}
     * @param markdown {@code report.md}
     * @param charts  the chart files beside the Markdown
     * @param data    what the report was made from
     * @param drawn   the charts (the page inlines every available one)
     */
    public record Written(Path html, Path markdown, List<Path> charts, RunData data, Charts drawn) {
    }

    /**
     * Reads {@code runDir} and writes its report into {@code outDir} (created when missing).
     *
     * @param baselines a JMH JSON result file of library baselines, or null
     * @throws ReportException when {@code runDir} is not a run folder, the baselines file is unusable, or
     *                         {@code outDir} cannot be written
     */
    public static Written write(Path runDir, Path baselines, Path outDir) {
        RunData data = RunReader.read(runDir, baselines);
        Charts charts = Charts.of(data);
        Instant now = Instant.now();
        try {
            Files.createDirectories(outDir);
            Path files = outDir.resolve(MarkdownReport.FILES);
            List<Path> written = new ArrayList<>();
            if (!charts.available().isEmpty()) {
                Files.createDirectories(files);
            }
            for (Charts.Chart c : charts.available()) {
                Path file = files.resolve(c.name() + ".svg");
                RunFolder.writeAtomically(file, c.svg());
                written.add(file);
            }
            Path html = outDir.resolve("report.html");
            Path md = outDir.resolve("report.md");
            RunFolder.writeAtomically(html, HtmlReport.render(data, charts, now));
            RunFolder.writeAtomically(md, MarkdownReport.render(data, charts, now));
            return new Written(html, md, written, data, charts);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ReportException("cannot write the report into " + outDir + ": " + e.getMessage());
        }
    }
}
