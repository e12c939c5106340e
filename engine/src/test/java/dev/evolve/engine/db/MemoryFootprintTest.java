package dev.evolve.engine.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-heap index must not keep sources: after 10,000 programs of about 3 KB, every source handed to the database
 * can be collected, and sources are read back only for what is sampled. (Heap figures: see dev.evolve.tools.db.DatabaseBenchmark.)
 */
class MemoryFootprintTest {

    private static final int PROGRAMS = 10_000;

    @TempDir
    Path dir;

    @Test
    void sourcesLiveInTheStoreNotInTheHeap() {
        Path file = dir.resolve("programs.db");
        DatabaseConfig config = DatabaseConfig.defaults();
        List<WeakReference<String>> sources = new ArrayList<>(PROGRAMS);
        long totalChars = 0;
        try (IslandDatabase db = IslandDatabase.open(file, config)) {
            RandomGenerator rnd = new SplittableRandom(3);
            db.addSeed(SyntheticPrograms.program(0, 0, null, rnd));
            for (int i = 1; i < PROGRAMS; i++) {
                ProgramRecord p = SyntheticPrograms.program(i, i % config.islands(), null, rnd);
                totalChars += p.source().length();
                sources.add(new WeakReference<>(p.source()));
                db.add(p, rnd);
            }
            assertThat(totalChars / (PROGRAMS - 1)).isBetween(2_000L, 4_500L);
            assertThat(db.size()).isEqualTo(PROGRAMS);
            assertThat(db.store().sourceReads()).isZero();

            long retained = retainedAfterGc(sources);
            // At most the feature cache's last source per thread; an index that kept sources would keep them all.
            assertThat(retained).isLessThanOrEqualTo(1);

            Sample s = db.sample(1, rnd);
            assertThat(db.store().sourceReads()).isEqualTo(1 + s.inspirations().size());
        }
        try (IslandDatabase reopened = IslandDatabase.open(file, config)) {
            assertThat(reopened.size()).isEqualTo(PROGRAMS);
            assertThat(reopened.store().sourceReads()).isZero();
            assertThat(reopened.best()).isPresent();
            assertThat(reopened.store().sourceReads()).isEqualTo(1);
        }
    }

    private static long retainedAfterGc(List<WeakReference<String>> refs) {
        long retained = refs.size();
        for (int attempt = 0; attempt < 10 && retained > 1; attempt++) {
            System.gc();
            retained = refs.stream().filter(r -> r.get() != null).count();
        }
        return retained;
    }
}
