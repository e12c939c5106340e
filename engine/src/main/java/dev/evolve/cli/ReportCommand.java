package dev.evolve.cli;

import dev.evolve.engine.report.ReportException;
import dev.evolve.engine.report.ReportWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code evolve report <run-dir> [--baselines FILE] [--out DIR]}: an HTML and a Markdown report of a run. */
@Command(name = "report", mixinStandardHelpOptions = true, description = {
        "Write report.html (self-contained, works offline) and report.md of a run: figures, charts, the lineage"
                + " of the best program with diffs, the MAP-Elites grids, JMH figures and baselines.",
        "Works on finished, interrupted and running runs; what a folder lacks is marked not available."})
final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<run-dir>", description = "The run folder.")
    Path dir;

    @Option(names = "--baselines", paramLabel = "FILE",
            description = "JMH JSON results (-rf json) with params target and variant: library baselines to compare.")
    Path baselines;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the report (default: the run folder).")
    Path out;

    @Override
    public Integer call() {
        System.setProperty("java.awt.headless", "true");   // charts are drawn off screen; never reach for a display
        ReportWriter.Written w;
        try {
            w = ReportWriter.write(dir, baselines, out == null ? dir : out);
        } catch (ReportException e) {
            throw new UsageException(e.getMessage());
        }
        System.out.println("report: " + w.html() + "   markdown: " + w.markdown() + " (" + w.charts().size()
                + " chart" + (w.charts().size() == 1 ? "" : "s") + " in " + w.markdown().resolveSibling("report-files")
                + ")");
        return ExitCode.OK.code;
    }
}
