package dev.evolve.eval.cascade;

import dev.evolve.eval.Bounded;
import dev.evolve.eval.statics.SourceBounds;
import dev.evolve.eval.statics.StaticCheck;
import dev.evolve.kernels.KernelTarget;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a {@link StaticCheck} so that no source text can fault the engine: {@link SourceBounds}
 * first (length and nesting), then the check on a thread of its own with a large stack and a
 * deadline, every {@link Throwable} it throws (a parser's {@code StackOverflowError} included)
 * read as a reason to reject the variant. A check past its deadline is abandoned, not stopped
 * (a thread cannot be stopped): the bounds keep its remaining work finite.
 */
final class GuardedStaticCheck {

    /** The static stage's deadline: JavaParser takes about 2 s for a source at the length bound on a loaded machine. */
    static final Duration LIMIT = Duration.ofSeconds(20);
    /** Room for recursive descent within the nesting bound, whatever the engine thread's own stack. */
    private static final long STACK_BYTES = 64L << 20;

    private GuardedStaticCheck() {
    }

    /** The reasons to reject {@code source}; empty when it may go on to compilation. */
    static List<String> violations(StaticCheck check, KernelTarget target, String source, Duration limit)
            throws InterruptedException {
        Optional<String> outOfBounds = SourceBounds.problem(source);
        if (outOfBounds.isPresent()) {
            return List.of(outOfBounds.get());
        }
        var task = new FutureTask<>(() -> check.violations(target, source));
        Thread thread = new Thread(null, task, "static-check", STACK_BYTES);
        thread.setDaemon(true);
        thread.start();
        try {
            List<String> out = task.get(limit.toNanos(), TimeUnit.NANOSECONDS);
            return out == null ? List.of() : out;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return List.of("the static check could not analyse the source: "
                    + Bounded.describe(cause, Bounded.MESSAGE_CHARS / 4));
        } catch (TimeoutException e) {
            thread.interrupt();
            return List.of("the static check ran past its limit of " + limit.toMillis() + " ms");
        } catch (InterruptedException e) {
            task.cancel(true);
            throw e;
        }
    }
}
