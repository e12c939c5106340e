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
                    int attempt = ledger.dispatch(candidate, "m", i, i + 1000);
                    if (i % 3 == 0) {
                        assertThat(ledger.accept(candidate, attempt, i)).isTrue();
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
}
