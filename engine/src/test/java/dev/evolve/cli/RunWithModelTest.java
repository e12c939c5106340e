package dev.evolve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evolve.engine.run.bench.LoopbackModelServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evolve run --mutator mixed} end to end: a model on 127.0.0.1, real worker JVMs, a real database. */
class RunWithModelTest {

    @TempDir
    Path dir;

    @Test
    void aMixedRunFilesModelAndRuleBasedChildren() throws Exception {
        Path out = dir.resolve("run");
        try (var server = new LoopbackModelServer(call -> LoopbackModelServer.Reply.ok(
                LoopbackModelServer.bodyRewrite(call)), Duration.ofMillis(20))) {
            int code = EvolveCommand.execute("run", "matmul", "--mutator", "mixed", "--llm-model", "loopback",
                    "--llm-base-url", server.baseUrl(), "--iterations", "40", "--no-jmh", "--timing-size", "48",
                    "--out", out.toString());
            assertThat(code).isZero();
        }
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.path("mutator").asText()).isEqualTo("mixed");
        // a rule-based episode may file up to 32 children (8 recipes, 4 generations) before the model's turn
        assertThat(summary.path("candidates_evaluated").asLong()).isEqualTo(40);
        assertThat(summary.path("llm").path("accounting").path("calls").asLong()).isPositive();
        String events = Files.readString(out.resolve("events.jsonl"));
        assertThat(events).contains("\"origin\":\"llm:loopback:").contains("\"origin\":\"ast:");
        assertThat(Files.readString(out.resolve("config.yaml"))).contains("loopback").doesNotContain("api_key");
    }
}
