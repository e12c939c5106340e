package dev.evolve.eval.worker;

import dev.evolve.eval.EvaluationOutcome.Crashed;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;

/**
 * The reply of a worker whose candidate (or plug-in) threw: the kind of crash, the message and a
 * stack trace cut to a size a prompt and the database can hold. Shared by every request handler.
 */
public final class CrashReport {

    private static final int MAX_TRACE_CHARS = 16 * 1024;

    private CrashReport() {
    }

    /** Classifies a throwable from candidate code; any out-of-memory or stack overflow in the cause chain wins. */
    public static WorkerReply of(Throwable t, long start) {
        Crashed.Kind kind = kindOf(t);
        String message = t.getMessage() == null ? t.getClass().getName() : t.getClass().getName() + ": " + t.getMessage();
        String trace;
        if (kind == Crashed.Kind.STACK_OVERFLOW) {
            // a thousand identical frames say nothing; keep the top ones
            trace = t + "\n" + String.join("\n", Arrays.stream(t.getStackTrace()).limit(20)
                    .map(e -> "\tat " + e).toList()) + "\n\t...";
        } else {
            var w = new StringWriter();
            t.printStackTrace(new PrintWriter(w));
            trace = w.toString();
        }
        if (trace.length() > MAX_TRACE_CHARS) {
            trace = trace.substring(0, MAX_TRACE_CHARS) + "\n[stack trace truncated]";
        }
        return WorkerReply.crashed(kind, message, trace, System.nanoTime() - start);
    }

    /** The first out-of-memory or stack overflow along the cause chain decides; anything else is an exception. */
    private static Crashed.Kind kindOf(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof OutOfMemoryError) {
                return Crashed.Kind.OUT_OF_MEMORY;
            }
            if (c instanceof StackOverflowError) {
                return Crashed.Kind.STACK_OVERFLOW;
            }
        }
        return Crashed.Kind.EXCEPTION;
    }
}
