package dev.evolve.engine.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real process is killed with SIGKILL while adding; everything it reported as added is in the file. */
class KilledProcessTest {

    @TempDir
    Path dir;

    /** The child: adds programs forever, printing each id once {@code add} has returned. */
    public static final class Writer {
        public static void main(String[] args) {
            IslandDatabase db = IslandDatabase.open(Path.of(args[0]), TestPrograms.depthGrid(2).withMigrationInterval(7)
                    .withResetInterval(20));
            RandomGenerator rnd = new SplittableRandom(5);
            db.addSeed(TestPrograms.measured(3, 0, 1.0, 0));
            for (int i = 1; ; i++) {
                ProgramRecord p = TestPrograms.measured(1 + i % 4, i, 0.5 + rnd.nextDouble(), i % 2);
                db.add(p, rnd, Map.of("iteration", Integer.toString(i)));
                System.out.println(i + " " + p.id());
                System.out.flush();
            }
        }
    }

    @Test
    void nothingReportedAsAddedIsLostWhenTheProcessIsKilled() throws Exception {
        Path file = dir.resolve("programs.db");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Writer.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> reported = new ArrayList<>();
        int lastIteration = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while (reported.size() < 150 && (line = out.readLine()) != null) {
                String[] parts = line.split(" ");
                lastIteration = Integer.parseInt(parts[0]);
                reported.add(parts[1]);
            }
            child.destroyForcibly(); // SIGKILL, mid-add
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(reported).hasSize(150);
        try (IslandDatabase db = IslandDatabase.open(file, TestPrograms.depthGrid(2).withMigrationInterval(7)
                .withResetInterval(20))) {
            assertThat(reported).allMatch(db::contains);
            assertThat(db.size()).isGreaterThanOrEqualTo(151); // the seed, the reported ones, maybe one more
            long iteration = Long.parseLong(db.getState("iteration").orElseThrow());
            assertThat(iteration).isGreaterThanOrEqualTo(lastIteration);
            assertThat(db.size()).isEqualTo(iteration + 1); // counters and programs committed together
            assertThat(db.islandStats()).allMatch(s -> s.occupiedCells() > 0);
        }
    }
}
