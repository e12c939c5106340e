package dev.evolve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.engine.record.RunSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The lines a finished run prints name the file its best program was written to. */
class RunFinishLineTest {

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @Test
    void anOpenClRunNamesItsBestCl(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("best.cl"), "__kernel void k() {}");
        Files.writeString(dir.resolve("summary.json"), "{}");
        Report.print(RunSummary.builder("matvec-opencl", 42, "r").status("finished").best(2.7, 4.5, "abc", "seed", false)
                .build(), dir);
        assertThat(console.out()).contains("best 2.70x the seed", "best program: " + dir.resolve("best.cl"))
                .doesNotContain("best.java");
    }
}
