package dev.evolve.eval.plugin;

/**
 * A custom evaluator: judges one candidate program and returns its {@link Score}. Implement it in
 * your own jar, list the class in {@code META-INF/services/dev.evolve.eval.plugin.ProgramEvaluator},
 * name the class in the target's {@code target.yaml} ({@code evaluator: {plugin: my.Evaluator}}) and
 * pass the jar with {@code --evaluator-jar}.
 *
 * <pre>{@code
 * package example;
 *
 * public final class LineCountEvaluator implements ProgramEvaluator {
 *     @Override
 *     public Score evaluate(Candidate candidate) throws InvalidCandidateException {
 *         long lines = candidate.source().lines().count();
 *         if (lines == 0) {
 *             throw new InvalidCandidateException("the program is empty");
 *         }
 *         return Score.of("lines", -lines)                 // fewer lines score higher
 *                 .withArtifact("hint", "shorter programs score higher");
 *     }
 * }
 * }</pre>
 *
 * <p><b>Higher is better.</b> The engine keeps the programs whose primary metric is highest. To
 * minimize a quantity, return its negation, or keep it as it is and write {@code goal: minimize} in
 * the target's spec, which makes the engine prefer lower values.
 *
 * <p><b>Where it runs.</b> Never in the engine's JVM: each evaluation runs in a worker JVM started
 * with your jar on its class path, an empty environment (no API keys), a private temporary
 * directory, and a deadline after which the worker is killed. A plug-in that throws, exits, runs out
 * of memory or hangs costs that one candidate an outcome ({@code crash} or {@code timeout}); the run
 * goes on. One instance serves many candidates in turn (never two at once), so keep no state that
 * one candidate could use to influence the next.
 *
 * <p>Implementations need a public no-argument constructor ({@link java.util.ServiceLoader}).
 */
public interface ProgramEvaluator {

    /** A short name for messages; the class's simple name unless overridden. */
    default String name() {
        return getClass().getSimpleName();
    }

    /**
     * Judges one candidate.
     *
     * @return the candidate's score; its primary metric must be finite
     * @throws InvalidCandidateException when the candidate is wrong (its message goes back to the
     *                                   mutator, and the candidate is recorded as {@code rejected})
     * @throws Exception                 anything else the evaluation throws: the candidate is recorded
     *                                   as a {@code crash} with the stack trace
     */
    Score evaluate(Candidate candidate) throws Exception;
}
