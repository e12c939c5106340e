package dev.evolve.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of a real (small) run as a browser sees it: headless Chromium, offline, loads the page, and the
 * DOM it ends with holds every chart as inline SVG, with no console error. Skipped where Chromium is not
 * installed.
 */
class ReportInBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path dir;

    @Test
    void chromiumRendersEveryChartWithoutConsoleErrors() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
                "no " + CHROMIUM + " on this machine: the browser check of report.html is skipped");
        Path run = TestRuns.run(dir.resolve("run"), 30, TestRuns.Judge.MIXED);
        Path baselines = dir.resolve("baselines.json");
        Files.writeString(baselines, BaselinesTest.FILE);
        ReportWriter.Written w = ReportWriter.write(run, baselines, run);
        int charts = w.drawn().available().size();
        assertThat(charts).isEqualTo(5);

        Path dom = dir.resolve("dom.html");
        Path err = dir.resolve("stderr.txt");
        Process chromium = new ProcessBuilder(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + dir.resolve("profile"), "--enable-logging=stderr", "--v=0",
                "--virtual-time-budget=5000", "--dump-dom", w.html().toUri().toString()))
                .redirectOutput(dom.toFile()).redirectError(err.toFile()).start();
        if (!chromium.waitFor(120, TimeUnit.SECONDS)) {
            chromium.destroyForcibly();
            throw new AssertionError("chromium did not finish within 120 s; stderr:\n" + Files.readString(err));
        }
        String stderr = Files.readString(err);
        assertThat(chromium.exitValue()).as("chromium exit code; stderr:\n%s", stderr).isZero();
        String page = Files.readString(dom);
        assertThat(page).as("the whole page was loaded").contains("<footer>Made by");
        assertThat(ReportRobustnessTest.count(page, "<svg")).isEqualTo(charts);
        assertThat(ReportRobustnessTest.count(page, "<figure class=\"chart\"")).isEqualTo(charts);
        assertThat(page).contains("id=\"chart-best-vs-time\"", "id=\"chart-jmh\"", "class=\"elite");
        assertThat(stderr.lines().filter(l -> l.contains("Uncaught") || l.contains(":CONSOLE")).toList())
                .as("console messages").isEmpty();
    }
}
