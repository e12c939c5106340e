package dev.evolve.eval.worker;

import dev.evolve.eval.Bounded;
import dev.evolve.eval.EvaluationOutcome.Crashed;
import java.util.Arrays;

/**
 * The reply of a worker whose candidate (or plug-in) threw: the kind of crash, the message and a
 * stack trace cut to a size a prompt and the database can hold. Shared by every request handler.
 */
public final class CrashReport {

    private static final int MAX_TRACE_CHARS = 16 * 1024;

    private CrashReport() {
    }

    /**
     * Classifies a throwable from candidate code; any out-of-memory or stack overflow in the cause
     * chain wins. The chain is walked once per cause (a candidate can make it cyclic), and the
     * message and trace are capped here, before they travel: a candidate chooses their length.
     */
    public static WorkerReply of(Throwable t, long start) {
        Crashed.Kind kind = Crashed.Kind.EXCEPTION;
        for (Throwable c : Bounded.causes(t)) {
            if (c instanceof OutOfMemoryError) {
                kind = Crashed.Kind.OUT_OF_MEMORY;
                break;
            }
            if (c instanceof StackOverflowError) {
                kind = Crashed.Kind.STACK_OVERFLOW;
                break;
            }
        }
        String message = Bounded.describe(t, Bounded.MESSAGE_CHARS);
        String trace;
        if (kind == Crashed.Kind.STACK_OVERFLOW) {
            // a thousand identical frames say nothing; keep the top ones
            trace = message + "\n" + String.join("\n", Arrays.stream(t.getStackTrace()).limit(20)
                    .map(e -> "\tat " + e).toList()) + "\n\t...";
        } else {
            trace = Bounded.stackTrace(t, MAX_TRACE_CHARS);
        }
        return WorkerReply.crashed(kind, message, trace, System.nanoTime() - start);
    }
}
