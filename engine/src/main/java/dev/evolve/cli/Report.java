package dev.evolve.cli;

import dev.evolve.engine.run.RunSummary;
import java.nio.file.Path;

/** The few lines a finished run prints. */
final class Report {
    private Report() {
    }

    static void print(RunSummary s, Path dir) {
        System.out.printf("%s: best %.2fx the seed, %.2f GFLOP/s (seed %.2f GFLOP/s)%s%n", s.status(),
                s.bestSpeedup(), s.bestGflops(), s.seedGflops(), s.confirmedWithJmh() ? ", confirmed with JMH" : "");
        System.out.printf("%d evaluated, %d duplicates skipped, %s, %.0f s%n", s.candidatesEvaluated(),
                s.duplicatesSkipped(), s.statusCounts(), s.wallSeconds());
        System.out.println("best program: " + dir.resolve("best.java") + "   summary: " + dir.resolve("summary.json"));
    }
}
