package dev.evolve.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.engine.db.IslandDatabase;
import dev.evolve.engine.db.ProgramRecord;
import dev.evolve.engine.db.SourceHash;
import dev.evolve.engine.record.ConfigFiles;
import dev.evolve.engine.record.EventLog;
import dev.evolve.engine.record.RunEvent;
import dev.evolve.engine.record.RunFolder;
import dev.evolve.kernels.Targets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Program sources and every other text from a run are data: escaped in HTML, fenced or escaped in Markdown. */
class ReportEscapingTest {

    @TempDir
    Path dir;

    @Test
    void hostileSourceOriginAndDetailAreEscaped() throws Exception {
        var config = ConfigFiles.effective("matmul", null, Map.of("iterations", 1L, "islands", 1, "jmh", false));
        RunFolder folder = RunFolder.create(dir.resolve("run"), "matmul-evil", "matmul", Instant.EPOCH);
        ConfigFiles.write(config, folder.config());
        String seed = Targets.require("matmul").seedSource();
        String evil = seed.replace("// EVOLVE-BLOCK-START",
                "// EVOLVE-BLOCK-START\n    static final String NOTE = \"</pre><script>alert(1)</script> ``` & 'single'\";");
        String seedId = SourceHash.of(seed);
        String evilId = SourceHash.of(evil);
        String origin = "ast:<img src=x onerror=alert(2)>|pipe";
        try (var db = IslandDatabase.open(folder.database(), config.database().toDatabaseConfig());
             var events = new EventLog(folder.events(), InstantSource.system())) {
            events.log(new RunEvent.Started(false, "matmul-evil", "matmul", 1, 0, 0));
            db.addSeed(new ProgramRecord(seedId, null, seed, 0, 0, "seed", "measured", "", 1.0, 1.0, 1000, Map.of(),
                    Instant.EPOCH));
            events.log(new RunEvent.Seed(seedId, null, 1.0, null, null, null));
            db.add(new ProgramRecord(evilId, seedId, evil, 0, 1, origin, "measured", "<b>detail</b>", 3.0, 3.0, 300,
                    Map.of(), Instant.EPOCH), new SplittableRandom(1), Map.of());
            events.log(new RunEvent.Evaluated(1, evilId, seedId, 0, origin, "measured", 3.0, 3.0, "", null));
            events.log(new RunEvent.Ended(RunEvent.Ending.FINISHED, 1, 1000, 3.0));
        }
        Files.writeString(folder.summary(), "{\"target\":\"matmul\",\"seed\":1,\"status\":\"finished\",\"run_id\":"
                + "\"matmul-evil\",\"best_id\":\"" + evilId + "\",\"best_origin\":\"<u>" + origin + "</u>\"}");

        ReportWriter.Written w = ReportWriter.write(folder.dir(), null, folder.dir());
        String html = Files.readString(w.html());
        assertThat(html).doesNotContain("<script", "<img", "<u>", "</pre><script")
                .contains("NOTE = &quot;&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt; ``` &amp; &#39;single&#39;&quot;;")
                .contains("ast:&lt;img src=x onerror=alert(2)&gt;|pipe");
        assertThat(w.data().lineage().orNull().steps()).hasSize(2);

        String md = Files.readString(w.markdown());
        assertThat(md).doesNotContain("<img", "<u>")
                .contains("````diff", "+    static final String NOTE = \"</pre><script>alert(1)</script> ``` & 'single'\";")   // inside a longer fence
                .contains("ast:&lt;img src=x onerror=alert(2)&gt;\\|pipe");
    }

    @Test
    void metricNamesAnEvaluatorGivesAreEscaped() throws Exception {
        Path run = TestRuns.runScored(dir.resolve("target"), dir.resolve("run"), 8, "<img src=x onerror=alert(3)>|e",
                "<script>alert(4)</script>");
        ReportWriter.Written w = ReportWriter.write(run, null, run);
        assertThat(w.data().primary().name()).isEqualTo("<img src=x onerror=alert(3)>|e");
        String html = Files.readString(w.html());
        assertThat(html).doesNotContain("<img", "<script").contains("&lt;img src=x onerror=alert(3)&gt;|e",
                "&lt;script&gt;alert(4)&lt;/script&gt; = ");
        String md = Files.readString(w.markdown());
        assertThat(md).doesNotContain("<img", "<script").contains("| seed &lt;img src=x onerror=alert(3)&gt;\\|e |",
                "&lt;script&gt;alert(4)&lt;/script&gt; = ");
    }

    @Test
    void escapeCoversMarkupQuotesAndControlCharacters() {
        assertThat(Html.escape("<a href='x'>\"&\u0007")).isEqualTo("&lt;a href=&#39;x&#39;&gt;&quot;&amp;&#xFFFD;");
        assertThat(Html.escape(null)).isEmpty();
        assertThat(MarkdownReport.cell("a|b\n<c>*d*")).isEqualTo("a\\|b &lt;c&gt;\\*d\\*");
    }
}
