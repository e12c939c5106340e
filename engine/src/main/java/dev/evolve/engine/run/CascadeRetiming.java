package dev.evolve.engine.run;

import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.Timing;
import dev.evolve.eval.cascade.BenchLane;
import dev.evolve.eval.cascade.Cascade;
import dev.evolve.eval.compile.InMemoryCompiler;
import dev.evolve.eval.jmh.JmhConfirmation;
import dev.evolve.kernels.KernelTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * {@link Retiming} on a {@link Cascade}: re-timing goes through the same workers as any
 * candidate; JMH confirmation compiles the program here (javac runs no candidate code), runs the
 * fixed harness in a scrubbed forked process, and holds the machine's bench lane meanwhile so no
 * screening timing runs beside it. The seed's JMH score is measured once per run.
 */
final class CascadeRetiming implements Retiming {

    private final Cascade cascade;
    private final KernelTarget target;
    private final JmhConfirmation jmh;
    private final Path scratch;
    private EvaluationOutcome.Jmh seedJmh;

    /** @param jmhOrNull null turns confirmation off ({@link #confirm} returns null) */
    CascadeRetiming(Cascade cascade, KernelTarget target, JmhConfirmation jmhOrNull, Path scratch) {
        this.cascade = cascade;
        this.target = target;
        this.jmh = jmhOrNull;
        this.scratch = scratch;
    }

    @Override
    public Timing retimeSeed() throws InterruptedException {
        return cascade.retimeSeed();
    }

    @Override
    public void newChampion(Timing timing) {
        cascade.screenAgainst(timing);
    }

    @Override
    public EvaluationOutcome time(String source) throws InterruptedException {
        return cascade.time(source);
    }

    @Override
    public synchronized Confirmed confirm(String source) throws InterruptedException {
        if (jmh == null) {
            return null;
        }
        if (seedJmh == null) {
            seedJmh = jmhOf(target.seedSource());
        }
        return new Confirmed(jmhOf(source), seedJmh);
    }

    private EvaluationOutcome.Jmh jmhOf(String source) throws InterruptedException {
        InMemoryCompiler.Result result;
        try (var compiler = new InMemoryCompiler()) {
            result = compiler.compile(target.className(), source);
        }
        if (!(result instanceof InMemoryCompiler.Result.Compiled compiled)) {
            throw new IllegalStateException("a measured program no longer compiles: " + result);
        }
        Path dir;
        try {
            Files.createDirectories(scratch);
            dir = Files.createTempDirectory(scratch, "jmh-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            compiled.writeTo(dir);
            try (BenchLane.Permit permit = BenchLane.machineWide().enter()) {
                return jmh.confirm(target, dir, target.className());
            }
        } finally {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover scratch folder in the run's temp area is harmless
        }
    }
}
