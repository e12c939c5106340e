package dev.evolve.cli;

import dev.evolve.engine.record.RunSummary;
import java.nio.file.Path;

/** The few lines a finished run prints. */
final class Report {
    private Report() {
    }

    /** A run carried to its end: {@code RunSession.start} or {@code RunSession.resume}. */
    interface Session {
        RunSummary run() throws InterruptedException;
    }

    /**
     * Carries {@code session} on the run folder {@code dir} to its end and prints how it ended:
     * the summary, or how to continue an interrupted run.
     *
     * @return the exit code
     */
    static int runToEnd(Path dir, Session session) {
        RunSummary summary;
        try {
            summary = session.run();
        } catch (dev.evolve.engine.cluster.ClusterException e) {
            System.err.println("evolve: " + e.getMessage());
            return ExitCode.FAILURE.code;
        } catch (InterruptedException e) {
            System.err.println("evolve: interrupted; continue with 'evolve resume " + dir + "'");
            return ExitCode.INTERRUPTED.code;
        }
        print(summary, dir);
        return ExitCode.OK.code;
    }

    static void print(RunSummary s, Path dir) {
        if (s.primaryMetric() != null) {
            System.out.printf("%s: best %s = %s (seed %s)%n", s.status(), s.primaryMetric(), value(s.bestScore()),
                    value(s.seedScore()));
            System.out.printf("%d evaluated, %d duplicates skipped, %s, %.0f s%n", s.candidatesEvaluated(),
                    s.duplicatesSkipped(), s.statusCounts(), s.wallSeconds());
            System.out.println("best program: " + bestFile(dir) + "   summary: " + dir.resolve("summary.json"));
            return;
        }
        System.out.printf("%s: best %.2fx the seed, %.2f GFLOP/s (seed %.2f GFLOP/s)%s%n", s.status(),
                s.bestSpeedup(), s.bestGflops(), s.seedGflops(), s.confirmedWithJmh() ? ", confirmed with JMH" : "");
        System.out.printf("%d evaluated, %d duplicates skipped, %s, %.0f s%n", s.candidatesEvaluated(),
                s.duplicatesSkipped(), s.statusCounts(), s.wallSeconds());
        System.out.println("best program: " + bestFile(dir) + "   summary: " + dir.resolve("summary.json"));
    }

    /** The run's best program: best.java, or best.<ext> of a target in another language. */
    private static Path bestFile(Path dir) {
        try (var files = java.nio.file.Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("best")
                            && !f.getFileName().toString().endsWith(".tmp")).sorted().findFirst()
                    .orElse(dir.resolve("best.java"));
        } catch (java.io.IOException e) {
            return dir.resolve("best.java");
        }
    }

    private static String value(Double v) {
        return v == null ? "-" : dev.evolve.eval.EvaluationOutcome.Scored.format(v);
    }
}
