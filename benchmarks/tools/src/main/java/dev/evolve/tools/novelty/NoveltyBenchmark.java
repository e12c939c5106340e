package dev.evolve.tools.novelty;

import dev.evolve.engine.db.ProgramRecord;
import dev.evolve.engine.db.ProgramStore;
import dev.evolve.engine.db.SyntheticPrograms;
import dev.evolve.engine.novelty.MatmulVariants;
import dev.evolve.engine.novelty.MiniLmCodeEmbedder;
import dev.evolve.engine.novelty.NoveltyFilter;
import dev.evolve.engine.record.ConfigFiles;
import dev.evolve.engine.record.ModelsSection;
import dev.evolve.engine.record.RunConfig;
import dev.evolve.engine.record.RunFolder;
import dev.evolve.engine.run.bench.LoopbackModelServer;
import dev.evolve.engine.wiring.RunSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The novelty check of model children (in-process all-MiniLM-L6-v2 embeddings, {@link NoveltyFilter}): prints
 * what checking one child against an island costs in milliseconds (mean, p50, p95), for a short matmul evolve block
 * and for a 3 KB one, the island's embeddings already kept (each program is embedded once); and, given a run
 * folder, how many of its model children would have been turned away before evaluation (each compared with the
 * programs of its island filed before it, all of them rather than the elites the run kept, so an upper bound), and
 * how many its own check turned away ({@code llm_near_copy} events). It first prints the similarities of the matmul
 * variants the filter's tests check ({@code MatmulVariants}: copies with renamed locals, other kernels).
 * {@code --record=SECONDS} first records such a run: matmul with the real evaluation cascade,
 * {@code --mutator llm --novelty-similarity 0}, against a model served on 127.0.0.1 that answers with i-k-j kernels
 * differing only in a constant and, every fifth call, a tiled kernel with another tile size (near copies a real
 * model also sends), then reports on it.
 *
 * <pre>
 * java -cp benchmarks/tools/target/evolve-tools.jar dev.evolve.tools.novelty.NoveltyBenchmark \
 *     [run-dir|--record=SECONDS] [similarity=0.99] [island=100] [children=60] [threads=min(2,cores)]
 * </pre>
 */
public final class NoveltyBenchmark {

    private NoveltyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String first = args.length > 0 ? args[0] : "";
        Path run = first.isBlank() || first.startsWith("--record=") ? null : Path.of(first);
        double similarity = args.length > 1 ? Double.parseDouble(args[1]) : ModelsSection.DEFAULT_NOVELTY_SIMILARITY;
        int islandSize = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int children = args.length > 3 ? Integer.parseInt(args[3]) : 60;
        var embedder = args.length > 4 ? new MiniLmCodeEmbedder(Integer.parseInt(args[4])) : new MiniLmCodeEmbedder();
        if (first.startsWith("--record=")) {
            run = record(Long.parseLong(first.substring("--record=".length())));
        }
        long t0 = System.nanoTime();
        embedder.embed("warm up");
        System.out.printf("model load and first embedding: %.0f ms (%s)%n", (System.nanoTime() - t0) / 1e6, embedder);
        System.out.printf("processors: %d%n", Runtime.getRuntime().availableProcessors());

        var probe = new NoveltyFilter(embedder, similarity);
        for (MatmulVariants.Pair p : MatmulVariants.pairs()) {
            NoveltyFilter.Match m = probe.nearest(p.child(), List.of(p.asKnown()));
            System.out.printf("similarity, %s: %.4f (%s)%n", p.what(), m.similarity(),
                    probe.isNearCopy(m) ? "near copy" : "passes");
        }

        SplittableRandom rnd = new SplittableRandom(7);
        List<NoveltyFilter.Known> island = new ArrayList<>();
        for (int i = 0; i < islandSize; i++) {
            ProgramRecord p = SyntheticPrograms.program(i, 0, null, rnd);
            island.add(new NoveltyFilter.Known(p.id(), p.source()));
        }
        var filter = new NoveltyFilter(embedder, similarity);
        t0 = System.nanoTime();
        filter.nearest(island.getFirst().source(), island);      // embeds the island once
        System.out.printf("embedding an island of %d programs of about 3 KB, once: %.0f ms%n", islandSize,
                (System.nanoTime() - t0) / 1e6);
        List<String> small = new ArrayList<>();
        List<String> large = new ArrayList<>();
        for (int i = 0; i < children; i++) {
            small.add(LoopbackModelServer.bodyRewrite(1000 + i));
            large.add(SyntheticPrograms.source(islandSize + i, rnd));
        }
        measure("short block (an i-k-j kernel, ~400 chars)", filter, small, island);
        measure("3 KB block (synthetic kernel with helpers)", filter, large, island);

        if (run != null) {
            saved(run, new NoveltyFilter(embedder, similarity));
        }
    }

    private static void measure(String what, NoveltyFilter filter, List<String> children,
                                List<NoveltyFilter.Known> island) {
        for (int i = 0; i < Math.min(5, children.size()); i++) {     // warm-up: JIT and ONNX Runtime's first runs
            filter.nearest(children.get(i) + "\n// warm-up " + i + "\nint warmUp" + i + ";", island);
        }
        double[] ms = new double[children.size()];
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            filter.nearest(children.get(i), island);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        double mean = Arrays.stream(ms).average().orElse(0);
        Arrays.sort(ms);
        double p95 = ms[Math.min(ms.length - 1, (int) Math.ceil(ms.length * 0.95) - 1)];
        System.out.printf("per child, %s, against %d programs: mean %.1f ms, p50 %.1f ms, p95 %.1f ms (goal < 20 ms)%n",
                what, island.size(), mean, ms[ms.length / 2], p95);
    }

    /** Records a short model run without a novelty check (see the class comment); its folder. */
    private static Path record(long seconds) throws Exception {
        Path out = Files.createTempDirectory("evolve-novelty-").resolve("llm");
        try (var server = new LoopbackModelServer(call -> LoopbackModelServer.Reply.ok(call % 5 == 0
                ? tiled(8 << (call / 5 % 4)) : LoopbackModelServer.bodyRewrite(call)), Duration.ofMillis(200))) {
            Map<String, Object> flags = new HashMap<>(Map.of("budget", seconds + "s", "jmh", false,
                    "timing_size", 128, "mutator", "llm", "models.novelty_similarity", 0,
                    "models", List.of(Map.of("model", "loopback", "base_url", server.baseUrl()))));
            RunConfig config = ConfigFiles.effective("matmul", null, flags);
            RunSession.start(RunFolder.create(out, "llm", "matmul", Instant.now()), config);
        }
        System.out.println("recorded run: " + out);
        return out;
    }

    /** A model reply: a tiled i-k-j kernel with {@code tile} as its tile size. */
    private static String tiled(int tile) {
        return "```java\n"
                + "    @Override\n"
                + "    public void multiply(double[] a, double[] b, double[] c, int n) {\n"
                + "        java.util.Arrays.fill(c, 0, n * n, 0.0);\n"
                + "        final int t = " + tile + ";\n"
                + "        for (int ii = 0; ii < n; ii += t) {\n"
                + "            for (int kk = 0; kk < n; kk += t) {\n"
                + "                for (int i = ii; i < Math.min(ii + t, n); i++) {\n"
                + "                    for (int k = kk; k < Math.min(kk + t, n); k++) {\n"
                + "                        double aik = a[i * n + k];\n"
                + "                        for (int j = 0; j < n; j++) {\n"
                + "                            c[i * n + j] += aik * b[k * n + j];\n"
                + "                        }\n"
                + "                    }\n"
                + "                }\n"
                + "            }\n"
                + "        }\n"
                + "    }\n"
                + "```\n";
    }
    private static void saved(Path dir, NoveltyFilter filter) throws Exception {
        RunFolder folder = RunFolder.open(dir);
        Map<Integer, List<NoveltyFilter.Known>> islands = new HashMap<>();
        long[] model = new long[1];
        long[] nearCopies = new long[1];
        long t0 = System.nanoTime();
        try (ProgramStore store = ProgramStore.open(folder.database())) {
            store.forEach(p -> {
                List<NoveltyFilter.Known> earlier = islands.computeIfAbsent(p.island(), i -> new ArrayList<>());
                if (p.origin().startsWith("llm:")) {
                    model[0]++;
                    if (filter.isNearCopy(filter.nearest(p.source(), earlier))) {
                        nearCopies[0]++;
                    }
                }
                if (p.measured()) {
                    earlier.add(new NoveltyFilter.Known(p.id(), p.source()));
                }
            });
        }
        long turnedAway = Files.isRegularFile(folder.events())
                ? Files.readAllLines(folder.events()).stream().filter(l -> l.contains("\"event\":\"llm_near_copy\"")).count()
                : 0;
        System.out.printf("run %s: %d model children evaluated; %d of them near copies at similarity %.3f "
                        + "(evaluations the check would have saved); %d turned away by the run's own check; %.1f s%n",
                dir, model[0], nearCopies[0], filter.threshold(), turnedAway, (System.nanoTime() - t0) / 1e9);
    }
}
