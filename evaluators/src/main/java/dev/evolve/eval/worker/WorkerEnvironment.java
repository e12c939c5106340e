package dev.evolve.eval.worker;

import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Decides the environment variables of a worker process from the engine's own. The worker
 * starts from an empty environment ({@code ProcessBuilder.environment().clear()}) and gets only
 * what this policy returns, so API keys and engine settings never reach a candidate.
 *
 * <pre>{@code
 * WorkerEnvironment.minimal().variables(System.getenv())   // {LANG=C.UTF-8}
 * }</pre>
 */
@FunctionalInterface
public interface WorkerEnvironment {

    /** The worker's variables, given the engine's. */
    Map<String, String> variables(Map<String, String> engineEnvironment);

    /** Nothing of the engine's environment; only {@code LANG=C.UTF-8}. The JVM is started by absolute path. */
    static WorkerEnvironment minimal() {
        return engine -> Map.of("LANG", "C.UTF-8");
    }

    /** Exactly {@code variables}, whatever the engine has. */
    static WorkerEnvironment fixed(Map<String, String> variables) {
        Map<String, String> copy = Map.copyOf(variables);
        return engine -> copy;
    }

    /** This policy applied to a different view of the engine's environment (a seam for tests). */
    default WorkerEnvironment seeing(UnaryOperator<Map<String, String>> engineView) {
        Objects.requireNonNull(engineView);
        return engine -> variables(engineView.apply(engine));
    }
}
