package dev.evolve.engine.target;

import dev.evolve.eval.VariantEvaluator;
import dev.evolve.eval.plugin.CommandEvaluator;
import dev.evolve.eval.plugin.CommandSpec;
import dev.evolve.eval.plugin.PluginEvaluator;
import dev.evolve.eval.plugin.PluginSpec;
import dev.evolve.eval.plugin.ScoredProgram;
import dev.evolve.kernels.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A program in any language judged by the user's own evaluator: an external command that prints a
 * JSON verdict, or a {@link dev.evolve.eval.plugin.ProgramEvaluator} plug-in from a jar. Read from a
 * folder's {@code target.yaml} ({@link TargetSpecs}); it has no size, no FLOPs and no timing.
 *
 * @param folder   the target's folder (absolute), where the evaluator's files are
 * @param maximize whether higher values of the primary metric are better ({@code goal})
 */
public record ScoredTarget(String name, String description, String language, String seedSource, String fileName,
                           Path folder, boolean maximize, Evaluator evaluator) implements Target {

    /** How candidates are judged. */
    public sealed interface Evaluator {
        /** The deadline of one evaluation. */
        Duration timeout();
    }

    /** An external command (argument vector with {@code {file}}, {@code {dir}}, {@code {target}}) and files it needs. */
    public record Command(List<String> command, Duration timeout, List<String> files) implements Evaluator {
        public Command {
            command = List.copyOf(command);
            files = List.copyOf(files);
        }
    }

    /** A plug-in class, found in the jar given with {@code --evaluator-jar}. */
    public record Plugin(String className, Duration timeout) implements Evaluator {
    }

    public ScoredTarget {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(seedSource, "seedSource");
        Objects.requireNonNull(fileName, "fileName");
        folder = folder.toAbsolutePath().normalize();
        Objects.requireNonNull(evaluator, "evaluator");
    }

    @Override public int timingSize() { return 0; }

    @Override public double flops(int size) { return 0; }

    /**
     * The evaluator of this target.
     *
     * @param jar the plug-in jar ({@code --evaluator-jar}); needed by plug-in targets only
     * @throws IllegalArgumentException when a plug-in target has no usable jar
     */
    public VariantEvaluator newEvaluator(int workers, int heapMiB, Path jar) {
        ScoredProgram program = new ScoredProgram(language, fileName, seedSource, maximize);
        return switch (evaluator) {
            case Command c -> new CommandEvaluator(program, new CommandSpec(c.command(), c.timeout(), folder, c.files()));
            case Plugin p -> {
                checkJar(jar);
                yield PluginEvaluator.start(program, new PluginSpec(jar, p.className(), p.timeout(), workers, heapMiB,
                        200));
            }
        };
    }

    /**
     * Checks, before anything starts, that a plug-in target has a jar that lists its plug-in.
     *
     * @throws IllegalArgumentException saying what is missing
     */
    public void checkJar(Path jar) {
        if (evaluator instanceof Plugin p) {
            if (jar == null) {
                throw new IllegalArgumentException("target '" + name + "' is judged by the plug-in " + p.className()
                        + ": give its jar with --evaluator-jar (or evaluator_jar in the config)");
            }
            PluginEvaluator.check(jar, p.className());
        }
    }
}
