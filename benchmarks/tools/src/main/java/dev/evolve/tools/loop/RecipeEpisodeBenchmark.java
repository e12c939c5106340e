package dev.evolve.tools.loop;

import dev.evolve.engine.mutate.Rewrite;
import dev.evolve.engine.mutate.ast.RewriteLibrary;
import dev.evolve.engine.recipe.RecipeSearch;
import dev.evolve.engine.target.TargetSpecs;
import dev.evolve.kernels.KernelTarget;
import dev.evolve.kernels.Target;
import dev.evolve.kernels.Targets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What the rule-based lane costs the loop per episode, with nothing evaluated: runs episodes of the run's recipe
 * search (the target's rewrite library, the enabling search and the sketches, {@link RecipeSearch.Config#DEFAULT})
 * around the target's seed, with a scorer that gives every child the parent's score, and prints how long each
 * episode took on the loop's thread and how many children it proposed. This is time the evaluations of a run do not
 * get on a machine with few cores.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp benchmarks/tools/target/evolve-tools.jar \
 *      dev.evolve.tools.loop.RecipeEpisodeBenchmark [--episodes=10] TARGET...   # a built-in name or a kernel folder
 * </pre>
 */
public final class RecipeEpisodeBenchmark {

    private RecipeEpisodeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int episodes = 10;
        List<String> targets = new java.util.ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--episodes=")) {
                episodes = Integer.parseInt(arg.substring("--episodes=".length()));
            } else {
                targets.add(arg);
            }
        }
        if (targets.isEmpty() || episodes < 1) {
            System.err.println("usage: RecipeEpisodeBenchmark [--episodes=N] TARGET...");
            System.exit(2);
        }
        for (String name : targets) {
            Target found = Files.isDirectory(Path.of(name)) ? TargetSpecs.load(Path.of(name))
                    : Targets.find(name).orElse(null);
            if (!(found instanceof KernelTarget target)) {
                System.err.println("RecipeEpisodeBenchmark: " + name + " is neither a built-in Java kernel target"
                        + " nor a kernel folder");
                System.exit(2);
                return;
            }
            List<Rewrite> library = RewriteLibrary.forTarget(target);
            var search = new RecipeSearch(library, RecipeSearch.Config.DEFAULT, RewriteLibrary::finishing,
                    RewriteLibrary.sketches());
            SplittableRandom random = new SplittableRandom(42);
            long[] ms = new long[episodes];
            StringBuilder line = new StringBuilder();
            for (int e = 0; e < episodes; e++) {
                long t0 = System.nanoTime();
                var result = search.run(target.seedSource(), 1.0, random,
                        batch -> batch.stream().map(p -> 1.0).toList(), () -> false);
                ms[e] = (System.nanoTime() - t0) / 1_000_000;
                line.append(String.format(" %d ms/%d", ms[e], result.proposals()));
            }
            int head = Math.min(3, episodes);
            System.out.printf("%s (%d rewrites): episodes (ms/children):%s%n  mean of the first %d: %.0f ms",
                    target.name(), library.size(), line, head, java.util.Arrays.stream(ms, 0, head).average().orElse(0));
            if (episodes > head) {
                System.out.printf("; of the rest: %.0f ms", java.util.Arrays.stream(ms, head, episodes).average().orElse(0));
            }
            System.out.println();
        }
    }
}
