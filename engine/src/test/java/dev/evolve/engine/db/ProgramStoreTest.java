package dev.evolve.engine.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgramStoreTest {

    @TempDir
    Path dir;

    /** Runs {@code sql} on {@code file} as another application would, past the program store. */
    private static void execute(Path file, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Opening {@code file} as a program database is refused with a message that contains {@code why}. */
    private static void refused(Path file, String why) {
        assertThatThrownBy(() -> IslandDatabase.open(file, DatabaseConfig.defaults()))
                .isInstanceOf(NotAProgramDatabaseException.class)
                .hasMessageContaining(why);
    }

    @Test
    void aReadThatFailsLeavesNoTransactionOpen() throws Exception {
        Path file = dir.resolve("programs.db");
        try (IslandDatabase db = IslandDatabase.open(file, TestPrograms.depthGrid(1))) {
            ProgramRecord p = TestPrograms.measured(1, 1, 2.0, 0);
            db.add(p, new SplittableRandom(1), java.util.Map.of());
            execute(file, "UPDATE programs SET metrics = 'not json' WHERE id = '" + p.id() + "'");
            assertThatThrownBy(() -> db.get(p.id())).isInstanceOf(ProgramStoreException.class)
                    .hasMessageContaining("is damaged");
            // a reader left inside a transaction would hold its snapshot, and the WAL could not be truncated
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                 Statement s = c.createStatement();
                 var r = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getInt(1)).as("checkpoint busy").isZero();
            }
        }
    }

    @Test
    void aFileThatIsNotSqliteIsRefusedAndLeftAlone() throws Exception {
        Path file = dir.resolve("programs.db");
        Files.writeString(file, "island,score\n0,1.5\n");
        refused(file, "is not a program database (not an SQLite file)");
        assertThat(Files.readString(file)).isEqualTo("island,score\n0,1.5\n");
        assertThat(dir.resolve("programs.db-wal")).doesNotExist();
    }

    @Test
    void anotherApplicationsSqliteFileIsRefused() throws Exception {
        Path file = dir.resolve("other.db");
        execute(file, "CREATE TABLE programs (id TEXT)");
        refused(file, "SQLite database of another kind");
    }

    @Test
    void aNewerFormatVersionIsRefused() throws Exception {
        Path file = dir.resolve("programs.db");
        IslandDatabase.open(file, DatabaseConfig.defaults()).close();
        execute(file, "PRAGMA user_version = 7");
        refused(file, "format version 7; this build reads version 1");
    }

    @Test
    void reopeningWithAnotherGridShapeIsRefused() {
        Path file = dir.resolve("programs.db");
        IslandDatabase.open(file, DatabaseConfig.defaults()).close();
        assertThatThrownBy(() -> IslandDatabase.open(file, DatabaseConfig.defaults().withIslands(5)))
                .isInstanceOf(NotAProgramDatabaseException.class)
                .hasMessageContaining("\"islands\":4").hasMessageContaining("\"islands\":5");
        assertThatThrownBy(() -> IslandDatabase.open(file, TestPrograms.depthGrid(4)))
                .hasMessageContaining("same islands, dimensions and bins");
        DatabaseConfig reordered = DatabaseConfig.defaults().withFeatures(
                java.util.List.of("vector_api", "code_size", "parallel", "loop_depth"), java.util.Map.of());
        assertThatThrownBy(() -> IslandDatabase.open(file, reordered)).hasMessageContaining("featureDimensions");
        // Policy settings may change on resume.
        IslandDatabase.open(file, DatabaseConfig.defaults().withExploitationRatio(0.2).withMigrationInterval(3))
                .close();
    }

    @Test
    void directoriesAndMissingFoldersGetClearMessages() {
        assertThatThrownBy(() -> IslandDatabase.open(dir, DatabaseConfig.defaults()))
                .hasMessageContaining("is a directory");
        assertThatThrownBy(() -> IslandDatabase.open(dir.resolve("no/such/programs.db"), DatabaseConfig.defaults()))
                .hasMessageContaining("does not exist");
    }

    @Test
    void anEmptyFileBecomesADatabaseInWalMode() throws Exception {
        Path file = dir.resolve("programs.db");
        Files.createFile(file);
        try (IslandDatabase db = IslandDatabase.open(file, TestPrograms.depthGrid(1))) {
            db.add(TestPrograms.measured(1, 1, 1, 0), new SplittableRandom(1));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             var r = s.executeQuery("PRAGMA journal_mode")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).isEqualTo("wal");
        }
    }

    @Test
    void recordsRoundTripExactlyAndLineageFollowsParents() {
        Path file = dir.resolve("programs.db");
        ProgramRecord root = TestPrograms.measured(1, 1, 1.25, 0);
        String childSource = TestPrograms.source(2, 2);
        ProgramRecord child = new ProgramRecord(SourceHash.of(childSource), root.id(), childSource, 0, 7,
                "ast:interchange", "incorrect", "c[3] was 2.0, expected 1.0", 0, 0, 0,
                java.util.Map.of("compileMs", 12.5), java.time.Instant.parse("2026-01-02T03:04:05.123456789Z"));
        try (IslandDatabase db = IslandDatabase.open(file, TestPrograms.depthGrid(1))) {
            db.addSeed(root);
            db.add(child, new SplittableRandom(1));
        }
        try (IslandDatabase db = IslandDatabase.open(file, TestPrograms.depthGrid(1))) {
            assertThat(db.get(child.id())).contains(child);
            assertThat(db.lineage(child.id())).containsExactly(child, root);
            java.util.List<String> all = new java.util.ArrayList<>();
            db.forEachProgram(p -> all.add(p.id()));
            assertThat(all).containsExactly(root.id(), child.id());
        }
    }
}
