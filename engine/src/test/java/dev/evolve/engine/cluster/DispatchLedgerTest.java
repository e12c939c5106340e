package dev.evolve.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.engine.db.ProgramStore;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger shares the run's database file with the program store, which writes while candidates go out. */
class DispatchLedgerTest {

    @Test
    void dispatchesWhileTheProgramStoreWritesNeverFailOnALock(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("programs.db");
        AtomicBoolean done = new AtomicBoolean();
        try (ProgramStore store = ProgramStore.open(file); DispatchLedger ledger = DispatchLedger.open(file)) {
            // another connection committing all the time, as the pipeline does while it files children: a
            // transaction that read before it wrote would find its snapshot stale (SQLITE_BUSY_SNAPSHOT)
            var writer = CompletableFuture.runAsync(() -> {
                for (long i = 0; !done.get(); i++) {
                    store.putState("k" + (i % 16), String.valueOf(i));
                }
            });
            try {
                for (int i = 0; i < 1500; i++) {
                    String candidate = "c" + (i % 50);
                    int attempt = ledger.dispatch(candidate, "m", i, i + 1000, "class C" + (i % 50) + " {}");
                    if (i % 3 == 0) {
                        assertThat(ledger.accept(candidate, attempt, i, "{}")).isTrue();
                    }
                }
            } finally {
                done.set(true);
                writer.get(30, TimeUnit.SECONDS);
            }
            assertThat(ledger.countsByMember().get("m").values().stream().mapToLong(Long::longValue).sum())
                    .isEqualTo(1500);
        }
    }

    @Test
    void aRestartListsWhatWasOutWithItsSourceAndWhatCameBackUnfiled(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("programs.db");
        try (ProgramStore store = ProgramStore.open(file); DispatchLedger ledger = DispatchLedger.open(file)) {
            ledger.dispatch("out", "m1", 1, 100, "class Out {}");
            ledger.dispatch("again", "m1", 2, 100, "class Again {}");
            ledger.end("again", 1, DispatchLedger.State.LOST, 3);
            ledger.dispatch("again", "m2", 4, 100, "class Again {}");
            ledger.dispatch("back", "m2", 5, 100, "class Back {}");
            ledger.accept("back", 1, 6, "{\"type\":\"crashed\"}");
            ledger.dispatch("failed", "m2", 7, 100, "class Failed {}");
            ledger.end("failed", 1, DispatchLedger.State.FAILED, 8);
        }
        try (DispatchLedger ledger = DispatchLedger.open(file)) {
            var left = ledger.abandonInFlight(10);
            assertThat(left.sourceless()).isZero();
            assertThat(left.unfiled()).containsExactly(
                    new DispatchLedger.Leftover("out", 1, "class Out {}", null),
                    new DispatchLedger.Leftover("again", 2, "class Again {}", null),
                    new DispatchLedger.Leftover("back", 1, null, "{\"type\":\"crashed\"}"),
                    new DispatchLedger.Leftover("failed", 1, "class Failed {}", null));   // its next attempt never went
            assertThat(ledger.dispatch("out", "m1", 11, 100, "class Out {}")).isEqualTo(2);
            assertThat(ledger.countsByMember().get("m1")).containsEntry("abandoned", 1L).containsEntry("dispatched", 1L);
        }
    }

    @Test
    void aLedgerOfAnOlderReleaseGainsItsColumnsAndCountsWhatItCannotSendAgain(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("programs.db");
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file); var s = c.createStatement()) {
            s.execute("CREATE TABLE cluster_dispatch (candidate TEXT NOT NULL, attempt INTEGER NOT NULL,"
                    + " member TEXT NOT NULL, state TEXT NOT NULL, dispatched_ms INTEGER NOT NULL,"
                    + " lease_until_ms INTEGER NOT NULL, finished_ms INTEGER, PRIMARY KEY (candidate, attempt))");
            s.execute("INSERT INTO cluster_dispatch VALUES ('old', 1, 'm', 'DISPATCHED', 1, 2, NULL)");
            s.execute("INSERT INTO cluster_dispatch VALUES ('done', 1, 'm', 'DONE', 1, 2, 3)");
        }
        try (DispatchLedger ledger = DispatchLedger.open(file)) {
            var left = ledger.abandonInFlight(10);
            assertThat(left.unfiled()).isEmpty();
            assertThat(left.sourceless()).isEqualTo(1);
            assertThat(ledger.dispatch("old", "m", 11, 100, "class Old {}")).isEqualTo(2);
        }
    }
}
