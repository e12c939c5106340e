package dev.evolve.engine.run;

import dev.evolve.engine.db.DatabaseConfig;
import dev.evolve.engine.db.IslandDatabase;
import dev.evolve.engine.db.ProgramRecord;
import dev.evolve.engine.record.RunEvent;
import dev.evolve.eval.VariantEvaluator;
import dev.evolve.kernels.KernelTarget;
import dev.evolve.kernels.Targets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A real database in a temporary folder with the loop's collaborators around it, and an observer that records. */
final class LoopFixture implements AutoCloseable {

    static final KernelTarget TARGET = Targets.withTimingSize(Targets.require("matmul"), 64);

    final IslandDatabase db;
    final RunState state = new RunState();
    final List<RunEvent> events = Collections.synchronizedList(new ArrayList<>());
    final List<String> messages = new ArrayList<>();
    final List<ProgramRecord> bests = new ArrayList<>();
    final RunObserver observer = new RunObserver() {
        @Override public void event(RunEvent event) { events.add(event); }
        @Override public void message(String line) { messages.add(line); }
        @Override public void best(ProgramRecord best) { bests.add(best); }
    };

    LoopFixture(Path dir, int islands) {
        db = IslandDatabase.open(dir.resolve("programs.db"), DatabaseConfig.defaults().withIslands(islands));
    }

    Budget budget(Long iterations) {
        return new Budget(null, iterations, Duration.ZERO, InstantSource.system());
    }

    Champion champion(Retiming retiming) {
        return new Champion(db, retiming, TARGET, 64, observer, state.champion);
    }

    CandidatePipeline pipeline(VariantEvaluator evaluator, Retiming retiming, Budget budget) {
        return new CandidatePipeline(TARGET, db, evaluator, 2, 7L, state, budget, champion(retiming), observer,
                InstantSource.system(), () -> null);
    }

    /** The {@code n}-th distinct child of the seed. */
    static String child(int n) {
        String seed = TARGET.seedSource();
        return seed.replace("// EVOLVE-BLOCK-START", "// EVOLVE-BLOCK-START\n    static final int VARIANT_" + n + " = " + n + ";");
    }

    <E extends RunEvent> List<E> events(Class<E> type) {
        synchronized (events) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    @Override
    public void close() {
        db.close();
    }
}
