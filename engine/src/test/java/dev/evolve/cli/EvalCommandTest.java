package dev.evolve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evolve.kernels.Targets;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evolve eval} end to end, with real worker JVMs, at a small timing size. */
class EvalCommandTest {

    @TempDir
    Path dir;

    private JsonNode evalJson(Path file, String... extra) throws Exception {
        var out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
            var args = new java.util.ArrayList<>(List.of("eval", "matmul", file.toString(), "--json", "--timing-size", "48"));
            args.addAll(List.of(extra));
            code = EvolveCommand.execute(args.toArray(String[]::new));
        } finally {
            System.setOut(old);
        }
        assertThat(code).isZero();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        return new ObjectMapper().readTree(lines.getLast());
    }

    @Test
    void theSeedMeasuresAndAWrongVariantIsIncorrectBothWithExitCodeZero() throws Exception {
        String seed = Targets.require("matmul").seedSource();
        JsonNode measured = evalJson(Files.writeString(dir.resolve("Matmul.java"), seed));
        assertThat(measured.path("status").asText()).isEqualTo("measured");
        assertThat(measured.path("size").asInt()).isEqualTo(48);
        assertThat(measured.path("median_ns").asLong()).isPositive();
        assertThat(measured.path("gflops").asDouble()).isPositive();
        assertThat(measured.path("speedup_vs_seed").asDouble()).isPositive();

        String wrong = seed.replace("c[i * n + j] = sum;", "c[i * n + j] = (n % 2 == 0) ? sum : 0;");
        JsonNode incorrect = evalJson(Files.writeString(dir.resolve("Wrong.java"), wrong));
        assertThat(incorrect.path("status").asText()).isEqualTo("incorrect");
        assertThat(incorrect.path("detail").asText()).contains("expected");

        String escape = seed.replace("double sum = 0.0;", "double sum = 0.0; System.exit(3);");
        JsonNode rejected = evalJson(Files.writeString(dir.resolve("Exit.java"), escape));
        assertThat(rejected.path("status").asText()).isEqualTo("rejected");
        assertThat(rejected.path("detail").asText()).contains("exit");
    }
}
