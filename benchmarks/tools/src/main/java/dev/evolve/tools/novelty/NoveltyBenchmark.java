package dev.evolve.tools.novelty;

import dev.evolve.engine.db.ProgramRecord;
import dev.evolve.engine.db.ProgramStore;
import dev.evolve.engine.db.SyntheticPrograms;
import dev.evolve.engine.novelty.MiniLmCodeEmbedder;
import dev.evolve.engine.novelty.NoveltyFilter;
import dev.evolve.engine.record.ModelsSection;
import dev.evolve.engine.record.RunFolder;
import dev.evolve.engine.run.bench.LoopbackModelServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The novelty check of model children (in-process all-MiniLM-L6-v2 embeddings, {@link NoveltyFilter}): prints
 * what checking one child against an island costs in milliseconds, for a short matmul evolve block and for a
 * 3 KB one, the island's embeddings already kept (each program is embedded once); and, given a run folder, how
 * many of its model children would have been turned away before evaluation (each compared with the programs of
 * its island filed before it, all of them rather than the elites the run kept, so an upper bound), and how many
 * its own check turned away ({@code llm_near_copy} events).
 *
 * <pre>
 * java -cp benchmarks/tools/target/evolve-tools.jar dev.evolve.tools.novelty.NoveltyBenchmark [run-dir] [similarity=0.99] [island=100] [children=60]
 * </pre>
 */
public final class NoveltyBenchmark {

    private NoveltyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path run = args.length > 0 && !args[0].isBlank() ? Path.of(args[0]) : null;
        double similarity = args.length > 1 ? Double.parseDouble(args[1]) : ModelsSection.DEFAULT_NOVELTY_SIMILARITY;
        int islandSize = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int children = args.length > 3 ? Integer.parseInt(args[3]) : 60;
        var embedder = new MiniLmCodeEmbedder();
        long t0 = System.nanoTime();
        embedder.embed("warm up");
        System.out.printf("model load and first embedding: %.0f ms%n", (System.nanoTime() - t0) / 1e6);
        System.out.printf("processors: %d%n", Runtime.getRuntime().availableProcessors());

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
            saved(run, filter);
        }
    }

    private static void measure(String what, NoveltyFilter filter, List<String> children,
                                List<NoveltyFilter.Known> island) {
        for (int i = 0; i < Math.min(5, children.size()); i++) {     // warm-up: JIT and ONNX Runtime's first runs
            filter.nearest(children.get(i) + "\n// warm-up " + i, island);
        }
        long t0 = System.nanoTime();
        for (String child : children) {
            filter.nearest(child, island);
        }
        double ms = (System.nanoTime() - t0) / 1e6 / children.size();
        System.out.printf("per child, %s, against %d programs: %.1f ms (goal < 20 ms)%n", what, island.size(), ms);
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
