package dev.evolve.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.engine.db.DatabaseConfig;
import dev.evolve.engine.db.IslandDatabase;
import dev.evolve.engine.db.ProgramRecord;
import dev.evolve.engine.db.SourceHash;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parents picked ahead: the same for the same seed, whether in one session or across a resume, and weighted. */
class ParentsTest {

    @TempDir
    Path dir;

    private static ProgramRecord program(int n, String parent, int island) {
        // sizes far apart, so that the programs fall in different cells of their island
        String source = "class K" + n + " {\n" + "    int x;\n".repeat(1 << n) + "}";
        return new ProgramRecord(SourceHash.of(source), parent, source, island, n, n == 0 ? "seed" : "ast:x",
                ProgramRecord.MEASURED, "", 1.0 + n, 1.0 + n, 1000 - n, Map.of(), Instant.EPOCH);
    }

    private IslandDatabase database(String name) throws Exception {
        var db = IslandDatabase.open(dir.resolve(name), DatabaseConfig.defaults());
        ProgramRecord seed = program(0, null, 0);
        db.addSeed(seed);
        for (int n = 1; n <= 11; n++) {
            db.add(program(n, seed.id(), n % 4), new SplittableRandom(n), Map.of());
        }
        return db;
    }

    private static List<String> picks(Parents parents, int n) {
        return java.util.stream.IntStream.range(0, n)
                .mapToObj(i -> parents.ahead().sample().parent().id()).toList();
    }

    @Test
    void aResumedRunGoesOnWithTheParentsItWouldHavePickedAndItsRepeatCounts() throws Exception {
        List<String> straight;
        try (var db = database("straight.db")) {
            straight = picks(new Parents(db, 4, 7), 20);
        }
        try (var db = database("resumed.db")) {
            var first = new Parents(db, 4, 7);
            List<String> before = picks(first, 8);
            first.repeated("some-parent");
            first.repeated("some-parent");
            var resumed = new Parents(db, 4, 7);            // a new session on the same database
            assertThat(resumed.repeats("some-parent")).isEqualTo(2);
            var all = new java.util.ArrayList<>(before);
            all.addAll(picks(resumed, 12));
            assertThat(all).isEqualTo(straight);
        }
    }

    @Test
    void aParentWhoseChildrenRepeatedKnownProgramsIsPickedLessOften() throws Exception {
        try (var db = database("weighted.db")) {
            var plain = picks(new Parents(db, 1, 3), 400);
            String favourite = plain.stream().collect(java.util.stream.Collectors.groupingBy(id -> id,
                    java.util.stream.Collectors.counting())).entrySet().stream()
                    .max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            long before = plain.stream().filter(favourite::equals).count();
            try (var other = database("weighted2.db")) {
                var penalised = new Parents(other, 1, 3);
                for (int i = 0; i < 20; i++) {
                    penalised.repeated(favourite);
                }
                long after = picks(penalised, 400).stream().filter(favourite::equals).count();
                assertThat(after).isLessThan(before / 2);
            }
        }
    }
}
