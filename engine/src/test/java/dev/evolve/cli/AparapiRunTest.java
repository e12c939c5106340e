package dev.evolve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evolve.eval.aparapi.AparapiProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evolve run matmul-aparapi} end to end: real worker JVMs running the kernels on the
 * machine's OpenCL device (skipped, with the reason, where there is none), at n = 64.
 */
class AparapiRunTest {

    @TempDir
    Path dir;

    @Test
    void aShortRunMeasuresChildrenOnTheDevice() throws Exception {
        var missing = AparapiProbe.missingOpenCL();
        Assumptions.assumeTrue(missing.isEmpty(),
                () -> "no OpenCL here, Aparapi run skipped: " + missing.orElseThrow());
        Path out = dir.resolve("run");

        int code = EvolveCommand.execute("run", "matmul-aparapi", "--iterations", "3", "--no-jmh",
                "--timing-size", "64", "--workers", "1", "--out", out.toString());

        assertThat(code).isZero();
        JsonNode summary = new ObjectMapper().readTree(Files.readString(out.resolve("summary.json")));
        assertThat(summary.path("target").asText()).isEqualTo("matmul-aparapi");
        assertThat(summary.path("candidates_evaluated").asInt()).isBetween(1, 3);
        assertThat(summary.path("status_counts").path("measured").asInt()).isPositive();
        assertThat(summary.path("best_gflops").asDouble()).isPositive();
        assertThat(Files.readString(out.resolve("best.java"))).contains("extends Kernel implements MatmulF32Kernel");
    }
}
