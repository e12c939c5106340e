package dev.evolve.tools.loop;

import dev.evolve.engine.record.ConfigFiles;
import dev.evolve.engine.record.RunConfig;
import dev.evolve.engine.record.RunFolder;
import dev.evolve.engine.record.RunSummary;
import dev.evolve.engine.wiring.RunSession;
import dev.evolve.engine.run.bench.LoopbackModelServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Is model latency hidden by concurrency? Runs matmul twice for the same budget with the real
 * evaluation cascade: once with the rule-based mutator, once with a language model served on
 * 127.0.0.1 that answers every request after a fixed latency (2 s by default) with a distinct,
 * correct edit. Prints candidates evaluated per minute for both and their ratio.
 *
 * <pre>
 * java -cp benchmarks/tools/target/evolve-tools.jar dev.evolve.tools.loop.ModelLatencyBenchmark [seconds=90] [latencyMs=2000] [timingSize=256]
 * </pre>
 */
public final class ModelLatencyBenchmark {

    private ModelLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 90;
        long latencyMs = args.length > 1 ? Long.parseLong(args[1]) : 2000;
        int timingSize = args.length > 2 ? Integer.parseInt(args[2]) : 256;
        Path dir = Files.createTempDirectory("evolve-latency-");
        RunSummary ast = run(dir.resolve("ast"), seconds, timingSize, Map.of("mutator", "ast"));
        RunSummary llm;
        try (var server = new LoopbackModelServer(call -> LoopbackModelServer.Reply.ok(
                LoopbackModelServer.bodyRewrite(call)), Duration.ofMillis(latencyMs))) {
            // the scripted edits differ only in a constant: no novelty check, or they would be turned away
            llm = run(dir.resolve("llm"), seconds, timingSize, Map.of("mutator", "llm",
                    "models", List.of(Map.of("model", "loopback", "base_url", server.baseUrl())),
                    "models.novelty_similarity", 0));
        }
        System.out.printf("rule-based: %d evaluated in %.0f s, %.1f per minute%n", ast.candidatesEvaluated(),
                ast.wallSeconds(), ast.candidatesPerMinute());
        System.out.printf("model answering after %d ms: %d evaluated in %.0f s, %.1f per minute%n", latencyMs,
                llm.candidatesEvaluated(), llm.wallSeconds(), llm.candidatesPerMinute());
        System.out.printf("model throughput / rule-based throughput: %.0f%% (target >= 80%%)%n",
                100 * llm.candidatesPerMinute() / ast.candidatesPerMinute());
        System.out.println("run folders: " + dir);
    }

    private static RunSummary run(Path out, long seconds, int timingSize, Map<String, Object> extra)
            throws InterruptedException {
        Map<String, Object> flags = new HashMap<>(Map.of("budget", seconds + "s", "jmh", false,
                "timing_size", timingSize));
        flags.putAll(extra);
        RunConfig config = ConfigFiles.effective("matmul", null, flags);
        return RunSession.start(RunFolder.create(out, out.getFileName().toString(), "matmul", Instant.now()), config);
    }
}
