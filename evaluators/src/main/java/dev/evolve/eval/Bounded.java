package dev.evolve.eval;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Text and throwables that come from candidate code, made safe to keep: capped in length (a
 * 5 MB exception message must not become a 5 MB detail in the database, the event log and the
 * next prompt), and cause chains walked once each (a cyclic chain must not spin). Reading a
 * throwable may run candidate code ({@code getMessage} can be overridden); a failure there is
 * described, not thrown.
 */
public final class Bounded {

    /** Messages and one-line reasons. */
    public static final int MESSAGE_CHARS = 4 * 1024;
    /** Stack traces. */
    public static final int TRACE_CHARS = 16 * 1024;
    /** Captured output: a backstop above the worker's own capture (64 KiB and a note of what it dropped). */
    public static final int OUTPUT_CHARS = 96 * 1024;
    /** Causes followed at most (javac and the JDK never nest this deep). */
    private static final int MAX_CAUSES = 64;

    private Bounded() {
    }

    /** {@code text} cut to {@code max} characters, saying how much was left out; null reads as empty. */
    public static String text(String text, int max) {
        if (text == null) {
            return "";
        }
        if (text.length() <= max) {
            return text;
        }
        String note = " [" + (text.length() - max) + " more characters cut]";
        return text.substring(0, Math.max(0, max - note.length())) + note;
    }

    /** {@code t} and its causes, each once, at most {@value #MAX_CAUSES}: a cyclic chain ends where it comes back. */
    public static List<Throwable> causes(Throwable t) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> out = new ArrayList<>();
        for (Throwable c = t; c != null && out.size() < MAX_CAUSES && seen.add(c); c = causeOf(c)) {
            out.add(c);
        }
        return out;
    }

    private static Throwable causeOf(Throwable t) {
        try {
            return t.getCause();
        } catch (Throwable e) {     // candidate code may override getCause
            return null;
        }
    }

    /** {@code ClassName: message}, capped at {@code max} characters. */
    public static String describe(Throwable t, int max) {
        String message;
        try {
            message = t.getMessage();
        } catch (Throwable e) {
            message = "(getMessage threw " + e.getClass().getName() + ")";
        }
        return text(message == null ? t.getClass().getName() : t.getClass().getName() + ": " + message, max);
    }

    /**
     * The stack trace as {@link Throwable#printStackTrace} writes it (which already marks circular
     * references), stopped after {@code max} characters instead of written out in full.
     */
    public static String stackTrace(Throwable t, int max) {
        var out = new CappedWriter(max);
        try (var w = new PrintWriter(out)) {
            t.printStackTrace(w);
        } catch (Throwable e) {
            out.note("\n[stack trace cut: " + e.getClass().getName() + "]");
        }
        return out.text();
    }

    /** A writer that keeps the first {@code max} characters and drops the rest. */
    private static final class CappedWriter extends Writer {
        private final StringBuilder kept = new StringBuilder();
        private final int max;
        private long dropped;

        CappedWriter(int max) {
            this.max = max;
        }

        @Override
        public void write(char[] buf, int off, int len) {
            int room = Math.max(0, max - kept.length());
            kept.append(buf, off, Math.min(room, len));
            dropped += Math.max(0, len - room);
        }

        void note(String s) {
            kept.append(s);
        }

        String text() {
            return dropped == 0 ? kept.toString() : kept + "\n[" + dropped + " more characters cut]";
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
