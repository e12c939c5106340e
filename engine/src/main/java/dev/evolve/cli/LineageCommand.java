package dev.evolve.cli;

import dev.evolve.engine.db.IslandDatabase;
import dev.evolve.engine.db.ProgramRecord;
import dev.evolve.engine.record.ConfigFiles;
import dev.evolve.engine.record.RunFolder;
import dev.evolve.engine.record.RunSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code evolve lineage <run-dir>}: how the best program (the one in best.java, else the database's best by score)
 * or any program descends from the seed.
 */
@Command(name = "lineage", mixinStandardHelpOptions = true, description = "Show how the best program of a run descends from the seed: each step's rewrites and speedup.")
final class LineageCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<run-dir>", description = "The run folder.")
    Path dir;

    @Option(names = "--id", paramLabel = "ID", description = "A program id (or a unique prefix) instead of the best.")
    String id;

    @Override
    public Integer call() {
        RunFolder folder;
        try {
            folder = RunFolder.open(dir);
        } catch (RunFolder.RunFolderException e) {
            throw new UsageException(e.getMessage());
        }
        var config = ConfigFiles.read(folder.config());
        try (var db = IslandDatabase.open(folder.database(), config.database().toDatabaseConfig())) {
            String target = id != null ? resolve(db, id) : reported(folder).filter(db::contains)
                    .or(() -> db.best().map(ProgramRecord::id))
                    .orElseThrow(() -> new UsageException(dir + " holds no measured program yet"));
            List<ProgramRecord> chain = new ArrayList<>(db.lineage(target));
            Collections.reverse(chain);
            if (!chain.isEmpty() && chain.getFirst().measured() && chain.getFirst().medianNs() == 0) {
                printScored(chain);         // judged by a custom evaluator: its metrics, not times
                return ExitCode.OK.code;
            }
            System.out.printf("%-4s %-10s %-8s %9s %9s  %s%n", "step", "id", "iter", "speedup", "GFLOP/s", "made by");
            for (int i = 0; i < chain.size(); i++) {
                ProgramRecord p = chain.get(i);
                System.out.printf("%-4d %-10s %-8d %8.2fx %9.2f  %s%s%n", i, p.id().substring(0, 10), p.iteration(),
                        p.score(), p.gflops(), p.origin(), p.measured() ? "" : "  [" + p.status() + "]");
            }
        }
        return ExitCode.OK.code;
    }

    /**
     * The best the run reported ({@code best_id} in summary.json: the program in best.java, which the run's JMH
     * confirmation may have picked over the highest screen score), when the summary names one.
     */
    private static Optional<String> reported(RunFolder folder) {
        try {
            return Optional.ofNullable(RunSummary.fromJson(Files.readString(folder.summary())).bestId());
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();        // no summary yet (a run in progress), or a damaged one: the database's best
        }
    }

    private static void printScored(List<ProgramRecord> chain) {
        System.out.printf("%-4s %-10s %-8s  %-40s  %s%n", "step", "id", "iter", "metrics", "made by");
        for (int i = 0; i < chain.size(); i++) {
            ProgramRecord p = chain.get(i);
            String metrics = p.metrics().entrySet().stream()
                    .map(e -> e.getKey() + " = " + dev.evolve.eval.EvaluationOutcome.Scored.format(e.getValue()))
                    .collect(java.util.stream.Collectors.joining(", "));
            System.out.printf("%-4d %-10s %-8d  %-40s  %s%s%n", i, p.id().substring(0, 10), p.iteration(),
                    p.measured() ? metrics : "-", p.origin(), p.measured() ? "" : "  [" + p.status() + "]");
        }
    }

    private String resolve(IslandDatabase db, String prefix) {
        List<String> matches = new ArrayList<>();
        db.forEachProgram(p -> {
            if (p.id().startsWith(prefix)) {
                matches.add(p.id());
            }
        });
        if (matches.size() != 1) {
            throw new UsageException(matches.isEmpty() ? "no program id starts with '" + prefix + "'"
                    : "'" + prefix + "' matches " + matches.size() + " programs; give more of the id");
        }
        return matches.getFirst();
    }
}
