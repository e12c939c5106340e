package dev.evolve.cli;

import dev.evolve.engine.target.ScoredTarget;
import dev.evolve.engine.target.TargetCatalog;
import dev.evolve.kernels.Target;
import java.nio.file.Path;

/** Turns a target argument into a target, or a usage error that says what is wrong and what exists. */
final class TargetResolver {
    private TargetResolver() {
    }

    static Target resolve(String name) {
        return resolve(name, null);
    }

    /** The target, timed at {@code timingSize} instead of its default when given. */
    static Target resolve(String name, Integer timingSize) {
        try {
            return TargetCatalog.resolve(name, timingSize);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /**
     * A target judged by a plug-in has a jar that lists it; no other target takes a jar. Checked
     * before anything is created or started.
     */
    static void checkEvaluatorJar(Target target, String jar) {
        boolean plugin = target instanceof ScoredTarget s && s.evaluator() instanceof ScoredTarget.Plugin;
        if (jar != null && !plugin) {
            throw new UsageException("--evaluator-jar is for targets judged by a plug-in; target '" + target.name()
                    + "' is not");
        }
        if (plugin) {
            try {
                ((ScoredTarget) target).checkJar(jar == null ? null : Path.of(jar));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
    }
}
