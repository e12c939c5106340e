package dev.evolve.eval.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.sandbox.Sandbox;
import dev.evolve.eval.sandbox.SandboxTesting;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An evaluator command and the candidate it runs, in bubblewrap: each attack is run once without
 * the sandbox (it works: the test can see it) and once inside (nothing happens outside).
 */
class CommandSandboxTest {

    static final String SEED = CommandEvaluatorTest.SEED;

    @TempDir
    Path folder;
    @TempDir
    Path temp;
    @TempDir
    Path outside;

    EvaluationOutcome run(Sandbox sandbox, String body, Duration timeout) throws InterruptedException {
        return new CommandEvaluator(new ScoredProgram("sh", "candidate.sh", SEED, true),
                new CommandSpec(List.of("sh", "{file}"), timeout, folder, List.of()), temp, sandbox)
                .evaluate(CommandEvaluatorTest.program(body));
    }

    @Test
    void aWriteOutsideThePrivateFolderLandsNowhere() throws Exception {
        Sandbox bwrap = SandboxTesting.bubblewrap();
        Path plain = outside.resolve("plain");
        Path boxed = outside.resolve("boxed");

        run(Sandbox.none(), "echo x > '" + plain + "'; echo '{\"score\": 1}'", Duration.ofSeconds(10));
        var outcome = run(bwrap, "echo x > '" + boxed + "' 2>/dev/null; echo x > /etc/evolve-escape 2>/dev/null; "
                + "echo x > $HOME/own; echo '{\"score\": 1}'", Duration.ofSeconds(10));

        assertThat(plain).as("without the sandbox the write works (the attack is real)").exists();
        assertThat(outcome).isInstanceOf(EvaluationOutcome.Scored.class);
        assertThat(boxed).doesNotExist();
        assertThat(Path.of("/etc/evolve-escape")).doesNotExist();
    }

    @Test
    void noConnectionReachesAListenerOfTheHost() throws Exception {
        Sandbox bwrap = SandboxTesting.bubblewrap();
        try (var server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(3000);
            String connect = "exec 3<>/dev/tcp/127.0.0.1/" + server.getLocalPort();
            String bash = "bash -c '" + connect + " && echo hello >&3' 2>/dev/null; echo '{\"score\": 1}'";
            if (!Files.isExecutable(Path.of("/bin/bash"))) {
                org.junit.jupiter.api.Assumptions.abort("skipped: no bash to open a TCP connection with");
            }
            run(Sandbox.none(), bash, Duration.ofSeconds(10));
            server.accept().close();   // without the sandbox the connection arrives (the attack is real)

            var outcome = run(bwrap, bash, Duration.ofSeconds(10));

            assertThat(outcome).isInstanceOf(EvaluationOutcome.Scored.class);
            boolean arrived = SandboxTesting.connectionArrives(server);
            assertThat(arrived).as("a connection from inside the sandbox").isFalse();
        }
    }

    @Test
    void theCommandSeesNoEngineProcessAndIsKilledWithEverythingItStarted() throws Exception {
        Sandbox bwrap = SandboxTesting.bubblewrap();
        long engine = ProcessHandle.current().pid();

        var seen = run(bwrap, "ls /proc | grep -c '^[0-9]' > /dev/null; test -e /proc/" + engine
                + "/environ && echo ENGINE-VISIBLE >&2; echo \"{\\\"score\\\": $(ls /proc | grep -c '^[0-9]')}\"",
                Duration.ofSeconds(10));
        String marker = "6" + (System.nanoTime() % 100000);
        var late = run(bwrap, "sleep " + marker + " & wait", Duration.ofSeconds(1));

        assertThat(seen).isInstanceOf(EvaluationOutcome.Scored.class);
        assertThat(((EvaluationOutcome.Scored) seen).value()).as("processes in the sandbox's /proc").isLessThan(10);
        assertThat(seen.detail()).doesNotContain("ENGINE-VISIBLE");
        assertThat(late).isInstanceOf(EvaluationOutcome.TimedOut.class);
        assertThat(SandboxTesting.markedProcessOutlives(marker, Duration.ofSeconds(2)))
                .as("the sleep the command started outlived it").isFalse();
    }
}
