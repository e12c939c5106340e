package dev.evolve.engine.db;

import static dev.evolve.engine.db.TestPrograms.depthGrid;
import static dev.evolve.engine.db.TestPrograms.failed;
import static dev.evolve.engine.db.TestPrograms.measured;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IslandDatabaseTest {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("programs.db");
    }

    @Test
    void addsAreStoredOnceByNormalizedSource() {
        try (IslandDatabase db = IslandDatabase.open(file(), depthGrid(2))) {
            RandomGenerator rnd = new SplittableRandom(1);
            ProgramRecord p = measured(2, 1, 1.5, 0);
            assertThat(db.contains(p.id())).isFalse();
            assertThat(db.add(p, rnd).placement()).isEqualTo(AddResult.Placement.NEW_CELL);
            assertThat(db.contains(p.id())).isTrue();
            assertThat(db.get(p.id())).contains(p);

            String reformatted = "// same program\n" + p.source().replace("\n", "\n\n   ");
            ProgramRecord again = new ProgramRecord(SourceHash.of(reformatted), null, reformatted, 1, 9, "llm",
                    "measured", "", 9.0, 1, 1, Map.of(), p.createdAt());
            assertThat(again.id()).isEqualTo(p.id());
            assertThat(db.add(again, rnd).placement()).isEqualTo(AddResult.Placement.DUPLICATE);
            assertThat(db.size()).isEqualTo(1);
            assertThat(db.get(p.id()).orElseThrow().score()).isEqualTo(1.5);

            ProgramRecord other = measured(2, 2, 1.0, 0);
            ProgramRecord lying = new ProgramRecord(p.id(), null, other.source(), 0, 0, "t", "measured", "", 1, 1, 1,
                    Map.of(), p.createdAt());
            assertThatThrownBy(() -> db.add(lying, rnd)).hasMessageContaining("is not SourceHash.of");
            assertThatThrownBy(() -> db.add(measured(2, 3, 1.0, 2), rnd)).hasMessageContaining("island 2");
            assertThat(db.size()).isEqualTo(1);
        }
    }

    @Test
    void aCellKeepsItsBestProgramAndTheEarlierOnTies() {
        try (IslandDatabase db = IslandDatabase.open(file(), depthGrid(1))) {
            RandomGenerator rnd = new SplittableRandom(1);
            ProgramRecord a = measured(1, 1, 2.0, 0);
            ProgramRecord b = measured(1, 2, 3.0, 0);
            ProgramRecord c = measured(1, 3, 1.0, 0);
            ProgramRecord d = measured(1, 4, 3.0, 0);
            ProgramRecord e = measured(2, 5, 0.5, 0);
            assertThat(db.add(a, rnd).placement()).isEqualTo(AddResult.Placement.NEW_CELL);
            AddResult rb = db.add(b, rnd);
            assertThat(rb.placement()).isEqualTo(AddResult.Placement.REPLACED_ELITE);
            assertThat(rb.newBest()).isTrue();
            assertThat(rb.newIslandBest()).isTrue();
            assertThat(db.add(c, rnd).placement()).isEqualTo(AddResult.Placement.NOT_ELITE);
            AddResult rd = db.add(d, rnd);
            assertThat(rd.placement()).isEqualTo(AddResult.Placement.NOT_ELITE);
            assertThat(rd.newBest()).isFalse();
            AddResult re = db.add(e, rnd);
            assertThat(re.placement()).isEqualTo(AddResult.Placement.NEW_CELL);
            assertThat(re.newIslandBest()).isFalse();

            assertThat(db.eliteIds(0)).containsExactly(b.id(), e.id()); // cell order: depth 1, depth 2
            assertThat(db.cellOf(e.id())).contains("2");
            assertThat(db.bestOf(0).orElseThrow().id()).isEqualTo(b.id());
            assertThat(db.best().orElseThrow().id()).isEqualTo(b.id());
            assertThat(db.size()).isEqualTo(5);
            assertThat(db.islandStats().getFirst())
                    .isEqualTo(new IslandStats(0, 2, 5, 3.0, b.id(), 5, 5, 0, 0));
        }
    }

    @Test
    void failedProgramsAreStoredButNeverSampled() {
        try (IslandDatabase db = IslandDatabase.open(file(), depthGrid(1).withInspirations(3))) {
            RandomGenerator rnd = new SplittableRandom(3);
            db.addSeed(measured(3, 0, 1.0, 0));
            db.add(measured(2, 1, 1.2, 0), rnd);
            List<String> failures = List.of("rejected", "compile_error", "incorrect", "timeout", "crash");
            Set<String> failedIds = new HashSet<>();
            for (int i = 0; i < 25; i++) {
                ProgramRecord f = failed(1 + i % 4, 100 + i, failures.get(i % failures.size()), 0);
                assertThat(db.add(f, rnd).placement()).isEqualTo(AddResult.Placement.STORED_FAILED);
                failedIds.add(f.id());
            }
            assertThat(failedIds).allMatch(db::contains);
            assertThat(db.get(failedIds.iterator().next()).orElseThrow().measured()).isFalse();
            for (int i = 0; i < 200; i++) {
                Sample s = db.sample(0, rnd);
                assertThat(s.parent().measured()).isTrue();
                assertThat(s.inspirations()).allMatch(ProgramRecord::measured);
            }
            IslandStats stats = db.islandStats().getFirst();
            assertThat(stats.programs()).isEqualTo(27);
            assertThat(stats.measured()).isEqualTo(2);
            assertThat(stats.occupiedCells()).isEqualTo(2);
        }
    }

    @Test
    void samplingAnEmptyIslandSaysWhatIsMissing() {
        try (IslandDatabase db = IslandDatabase.open(file(), depthGrid(2))) {
            db.add(failed(1, 1, "crash", 0), new SplittableRandom(1));
            assertThatThrownBy(() -> db.sample(0, new SplittableRandom(1)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("island 0 has no measured program");
            assertThatThrownBy(() -> db.sample(2, new SplittableRandom(1))).hasMessageContaining("island must be in");
        }
    }

    /** A database with a few programs on each of 3 islands, distinct cells via two dimensions. */
    private IslandDatabase populated(Path file, DatabaseConfig config, int programs) {
        IslandDatabase db = IslandDatabase.open(file, config);
        RandomGenerator rnd = new SplittableRandom(99);
        db.addSeed(measured(3, 0, 1.0, 0));
        for (int i = 1; i < programs; i++) {
            int island = i % config.islands();
            if (i % 7 == 0) {
                db.add(failed(1 + i % 4, i, "incorrect", island), rnd);
            } else {
                db.add(measured(1 + rnd.nextInt(4), i, 0.5 + rnd.nextDouble() * 4, island), rnd);
            }
        }
        return db;
    }

    private static List<String> sequence(ProgramDatabase db, int island, long seed, int n) {
        RandomGenerator rnd = new SplittableRandom(seed);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Sample s = db.sample((island + i) % db.islandCount(), rnd);
            out.add(s.parent().id().substring(0, 8) + s.inspirations().stream()
                    .map(p -> p.id().substring(0, 8)).toList());
        }
        return out;
    }

    @Test
    void samplingIsDeterministicForAFixedSeed() {
        DatabaseConfig config = depthGrid(3).withMigrationInterval(10).withResetInterval(40);
        try (IslandDatabase one = populated(dir.resolve("one.db"), config, 120);
             IslandDatabase two = populated(dir.resolve("two.db"), config, 120)) {
            assertThat(sequence(one, 0, 7, 60)).isEqualTo(sequence(two, 0, 7, 60));
            assertThat(sequence(one, 0, 7, 60)).isEqualTo(sequence(one, 0, 7, 60));
            assertThat(sequence(one, 0, 8, 60)).isNotEqualTo(sequence(one, 0, 7, 60));
        }
    }

    @Test
    void inspirationsAreDistinctNeverTheParentAndLeadWithTheIslandsBest() {
        try (IslandDatabase db = IslandDatabase.open(file(), depthGrid(1).withInspirations(2))) {
            RandomGenerator rnd = new SplittableRandom(5);
            ProgramRecord best = measured(1, 1, 5.0, 0);
            db.add(best, rnd);
            db.add(measured(2, 2, 2.0, 0), rnd);
            db.add(measured(3, 3, 1.0, 0), rnd);
            db.add(measured(4, 4, 3.0, 0), rnd);
            for (int i = 0; i < 100; i++) {
                Sample s = db.sample(0, rnd);
                assertThat(s.inspirations()).hasSize(2);
                if (!s.parent().id().equals(best.id())) {
                    assertThat(s.inspirations().getFirst().id()).isEqualTo(best.id());
                }
            }
        }
        try (IslandDatabase db = IslandDatabase.open(dir.resolve("two.db"), depthGrid(2).withInspirations(4))) {
            RandomGenerator rnd = new SplittableRandom(5);
            db.add(measured(1, 1, 1.0, 0), rnd);
            ProgramRecord elsewhere = measured(2, 2, 1.0, 1);
            db.add(elsewhere, rnd);
            Sample s = db.sample(0, rnd);
            // The island alone has no other program, so the diverse ones come from other islands.
            assertThat(s.inspirations()).extracting(ProgramRecord::id).containsExactly(elsewhere.id());
        }
    }

    @Test
    void explorationReachesEveryOccupiedCellAndExploitationFavoursTheBest() {
        DatabaseConfig explore = depthGrid(1).withExploitationRatio(0.0);
        Map<String, Integer> explored = counts(file(), explore);
        assertThat(explored).hasSize(4);
        assertThat(explored.values()).allMatch(n -> n > 40); // uniform: about 100 each of 400

        Map<String, Integer> exploited = counts(dir.resolve("exploit.db"), explore.withExploitationRatio(1.0));
        String best = measured(1, 1, 5.0, 0).id();
        assertThat(exploited.get(best)).isGreaterThan(exploited.values().stream()
                .filter(n -> n != exploited.get(best).intValue()).max(Integer::compare).orElse(0));
    }

    private static Map<String, Integer> counts(Path file, DatabaseConfig config) {
        try (IslandDatabase db = IslandDatabase.open(file, config)) {
            RandomGenerator rnd = new SplittableRandom(11);
            db.add(measured(1, 1, 5.0, 0), rnd);
            db.add(measured(2, 2, 2.0, 0), rnd);
            db.add(measured(3, 3, 1.0, 0), rnd);
            db.add(measured(4, 4, 3.0, 0), rnd);
            Map<String, Integer> counts = new HashMap<>();
            for (int i = 0; i < 400; i++) {
                counts.merge(db.sample(0, rnd).parent().id(), 1, Integer::sum);
            }
            return counts;
        }
    }

    @Test
    void migrationCopiesEachIslandsBestToTheNextIslandOnly() {
        DatabaseConfig config = depthGrid(3).withMigrationInterval(4);
        try (IslandDatabase db = IslandDatabase.open(file(), config)) {
            RandomGenerator rnd = new SplittableRandom(1);
            ProgramRecord seed = measured(3, 0, 1.0, 0);
            db.addSeed(seed);                                  // addition 1, elite of every island
            ProgramRecord star = measured(1, 1, 9.0, 0);
            db.add(star, rnd);                                 // 2
            db.add(measured(2, 2, 0.5, 2), rnd);               // 3
            assertThat(db.eliteIds(1)).containsExactly(seed.id());
            AddResult fourth = db.add(failed(2, 3, "crash", 1), rnd); // 4: migration
            assertThat(fourth.events()).containsExactly(new IslandEvent.Migrated(0, 1, star.id(), 4));
            assertThat(db.eliteIds(1)).containsExactly(star.id(), seed.id());
            assertThat(db.bestOf(1).orElseThrow().id()).isEqualTo(star.id());
            // Bests are taken before copying: the star does not travel on to island 2 in the same round.
            assertThat(db.eliteIds(2)).doesNotContain(star.id());
            assertThat(db.size()).isEqualTo(4);
            assertThat(db.islandStats().get(1).migrantsIn()).isEqualTo(1);

            db.add(failed(2, 4, "crash", 1), rnd);
            db.add(failed(2, 5, "crash", 1), rnd);
            db.add(failed(2, 6, "crash", 1), rnd);
            AddResult eighth = db.add(failed(2, 7, "crash", 1), rnd); // 8: next round
            assertThat(eighth.events()).containsExactly(new IslandEvent.Migrated(1, 2, star.id(), 8));
            assertThat(db.eliteIds(2)).contains(star.id());
        }
        try (IslandDatabase reopened = IslandDatabase.open(file(), config)) {
            assertThat(reopened.islandStats().get(1).migrantsIn()).isEqualTo(1);
            assertThat(reopened.islandStats().get(2).migrantsIn()).isEqualTo(1);
            assertThat(reopened.eliteIds(1)).hasSize(2);
        }
    }

    @Test
    void resetReseedsTheWeakerHalfFromStrongIslandsWithoutCollapsingTheStrongOnes() {
        DatabaseConfig config = depthGrid(4).withResetInterval(9);
        try (IslandDatabase db = IslandDatabase.open(file(), config)) {
            RandomGenerator rnd = new SplittableRandom(4);
            db.addSeed(measured(4, 0, 1.0, 0));               // 1
            double[] bests = {5, 4, 2, 3};
            List<ProgramRecord> islandBest = new ArrayList<>();
            for (int island = 0; island < 4; island++) {
                ProgramRecord top = measured(1, 10 + island, bests[island], island);
                islandBest.add(top);
                db.add(top, rnd);                              // 2..5
                db.add(measured(2, 20 + island, 0.5, island), rnd); // 6..9: the ninth triggers the reset
            }
            List<IslandStats> stats = db.islandStats();
            // Islands 2 (best 2) and 3 (best 3) were the weaker half.
            assertThat(stats.get(2).resets()).isEqualTo(1);
            assertThat(stats.get(3).resets()).isEqualTo(1);
            assertThat(stats.get(0).resets()).isZero();
            assertThat(stats.get(1).resets()).isZero();
            Set<String> strongBests = Set.of(islandBest.get(0).id(), islandBest.get(1).id());
            for (int weak : List.of(2, 3)) {
                assertThat(stats.get(weak).occupiedCells()).isEqualTo(1);
                assertThat(strongBests).contains(stats.get(weak).bestId());
            }
            // The strong islands keep their own grids: seed, their best and their second program.
            assertThat(db.eliteIds(0)).hasSize(3).contains(islandBest.get(0).id());
            assertThat(db.eliteIds(1)).hasSize(3).contains(islandBest.get(1).id());
            // Programs of the wiped islands are still stored (never evaluated twice).
            assertThat(db.contains(islandBest.get(2).id())).isTrue();
            assertThat(db.size()).isEqualTo(9);
        }
    }

    @Test
    void resetLeavesIslandsAloneWhenTheStrongHaveNothingBetter() {
        try (IslandDatabase db = IslandDatabase.open(file(), depthGrid(4).withResetInterval(5))) {
            RandomGenerator rnd = new SplittableRandom(4);
            db.addSeed(measured(4, 0, 1.0, 0));
            for (int island = 0; island < 4; island++) {
                db.add(measured(1, 10 + island, 0.5, island), rnd); // none beats the shared seed
            }
            assertThat(db.islandStats()).allMatch(s -> s.resets() == 0 && s.occupiedCells() == 2);
        }
    }

    @Test
    void manyMigrationsAndResetsLeaveSeveralDistinctIslands() {
        DatabaseConfig config = depthGrid(4).withMigrationInterval(10).withResetInterval(50);
        try (IslandDatabase db = populated(file(), config, 400)) {
            List<IslandStats> stats = db.islandStats();
            assertThat(stats).allMatch(s -> s.occupiedCells() >= 1);
            assertThat(stats).anyMatch(s -> s.resets() > 0);
            assertThat(stats).anyMatch(s -> s.migrantsIn() > 0);
            Set<List<String>> distinctGrids = new HashSet<>();
            for (int i = 0; i < 4; i++) {
                distinctGrids.add(db.eliteIds(i));
            }
            assertThat(distinctGrids).hasSizeGreaterThan(1);
        }
    }

    @Test
    void reopeningGivesTheSameGridsBestCountersAndSampleSequence() {
        DatabaseConfig config = depthGrid(3).withMigrationInterval(10).withResetInterval(40);
        List<String> before;
        List<IslandStats> statsBefore;
        List<List<String>> gridsBefore = new ArrayList<>();
        ProgramRecord bestBefore;
        try (IslandDatabase db = populated(file(), config, 150)) {
            db.putState("loop", "{\"iteration\":150}");
            before = sequence(db, 1, 21, 40);
            statsBefore = db.islandStats();
            bestBefore = db.best().orElseThrow();
            for (int i = 0; i < 3; i++) {
                gridsBefore.add(db.eliteIds(i));
            }
        }
        try (IslandDatabase db = IslandDatabase.open(file(), config.withExploitationRatio(0.7))) {
            assertThat(db.size()).isEqualTo(150);
            assertThat(db.store().sourceReads()).isZero();
            assertThat(db.islandStats()).isEqualTo(statsBefore);
            for (int i = 0; i < 3; i++) {
                assertThat(db.eliteIds(i)).isEqualTo(gridsBefore.get(i));
            }
            assertThat(db.best()).contains(bestBefore);
            assertThat(sequence(db, 1, 21, 40)).isEqualTo(before);
            assertThat(db.getState("loop")).contains("{\"iteration\":150}");
            // Resuming re-adds the seed: nothing changes.
            assertThat(db.addSeed(measured(3, 0, 1.0, 0)).placement()).isEqualTo(AddResult.Placement.DUPLICATE);
            assertThat(db.size()).isEqualTo(150);
        }
    }

    @Test
    void anUnclosedDatabaseLosesNothingCommitted() {
        DatabaseConfig config = depthGrid(2).withMigrationInterval(5);
        IslandDatabase crashed = IslandDatabase.open(file(), config);
        RandomGenerator rnd = new SplittableRandom(2);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ProgramRecord p = i % 5 == 4 ? failed(2, i, "timeout", i % 2) : measured(1 + i % 3, i, 1 + i, i % 2);
            crashed.add(p, rnd, Map.of("iteration", Integer.toString(i)));
            ids.add(p.id());
        }
        List<IslandStats> stats = crashed.islandStats();
        // No close(): a second instance reads the same file, as a restarted process would.
        try (IslandDatabase restarted = IslandDatabase.open(file(), config)) {
            assertThat(ids).allMatch(restarted::contains);
            assertThat(restarted.size()).isEqualTo(30);
            assertThat(restarted.islandStats()).isEqualTo(stats);
            assertThat(restarted.eliteIds(0)).isEqualTo(crashed.eliteIds(0));
            assertThat(restarted.eliteIds(1)).isEqualTo(crashed.eliteIds(1));
            assertThat(restarted.getState("iteration")).contains("29");
            assertThat(restarted.best()).isEqualTo(crashed.best());
        } finally {
            crashed.close();
        }
    }

    @Test
    void addWithStateWritesBothOrNeither() {
        try (IslandDatabase db = IslandDatabase.open(file(), depthGrid(1))) {
            RandomGenerator rnd = new SplittableRandom(2);
            db.add(measured(1, 1, 1, 0), rnd, Map.of("iteration", "1"));
            ProgramRecord liar = new ProgramRecord(measured(1, 2, 1, 0).id(), null, "different", 0, 0, "t", "crash",
                    "", 0, 0, 0, Map.of(), java.time.Instant.EPOCH);
            assertThatThrownBy(() -> db.add(liar, rnd, Map.of("iteration", "2")));
            assertThat(db.getState("iteration")).contains("1");
            assertThatThrownBy(() -> db.add(measured(1, 3, 1, 0), rnd, Map.of("", "x")))
                    .hasMessageContaining("non-blank key");
            assertThat(db.contains(measured(1, 3, 1, 0).id())).isFalse(); // rolled back with the bad state entry
            assertThat(db.size()).isEqualTo(1);
            db.add(measured(1, 3, 1, 0), rnd);
            assertThat(db.size()).isEqualTo(2);
        }
    }

    @Test
    void anInMemoryDatabaseSelectsTheSameWay() {
        DatabaseConfig config = depthGrid(3).withMigrationInterval(10).withResetInterval(40);
        try (IslandDatabase onDisk = populated(file(), config, 80);
             IslandDatabase inMemory = IslandDatabase.inMemory(config)) {
            RandomGenerator rnd = new SplittableRandom(99);
            inMemory.addSeed(measured(3, 0, 1.0, 0));
            for (int i = 1; i < 80; i++) {
                int island = i % 3;
                inMemory.add(i % 7 == 0 ? failed(1 + i % 4, i, "incorrect", island)
                        : measured(1 + rnd.nextInt(4), i, 0.5 + rnd.nextDouble() * 4, island), rnd);
            }
            assertThat(inMemory.islandStats()).isEqualTo(onDisk.islandStats());
            assertThat(sequence(inMemory, 0, 3, 20)).isEqualTo(sequence(onDisk, 0, 3, 20));
        }
    }

    @Test
    void customFeatureDimensionsArePassedAtOpen() {
        FeatureDimension scoreBand = new FeatureDimension() {
            @Override public String name() { return "score_band"; }
            @Override public int bins() { return 3; }
            @Override public int bin(ProgramRecord p) { return Math.min(2, (int) p.score()); }
        };
        DatabaseConfig config = depthGrid(1).withFeatures(List.of("score_band", "loop_depth"),
                Map.of("score_band", 3, "loop_depth", 5));
        try (IslandDatabase db = IslandDatabase.open(file(), config, List.of(scoreBand))) {
            RandomGenerator rnd = new SplittableRandom(2);
            ProgramRecord p = measured(2, 1, 1.5, 0);
            db.add(p, rnd);
            assertThat(db.cellOf(p.id())).contains("1,2");
        }
        assertThatThrownBy(() -> IslandDatabase.open(dir.resolve("x.db"), config))
                .hasMessageContaining("unknown feature dimension score_band");
    }
}
