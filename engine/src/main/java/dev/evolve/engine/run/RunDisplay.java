package dev.evolve.engine.run;

import java.io.PrintStream;
import java.time.Duration;
import java.time.InstantSource;

/** Shows a run's progress: a live bar on a terminal, plain log lines elsewhere. */
public interface RunDisplay extends AutoCloseable {

    void update(Progress progress);

    /** A notable event (a new best, a re-timing, a warning), shown on its own line. */
    void message(String line);

    @Override
    void close();

    /** The display that fits the standard error stream: a live bar on a terminal, log lines otherwise. */
    static RunDisplay forConsole(InstantSource clock) {
        return isTerminal() ? new Terminal(System.err, Terminal.columns())
                : new LogLines(System.err, clock, Duration.ofSeconds(10));
    }

    /** True when standard output and error are a terminal (JDK 22+ knows; older JDKs: a console exists). */
    static boolean isTerminal() {
        var console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (boolean) console.getClass().getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return true;
        }
    }

    /**
     * A progress bar over the budget (seconds) or the iterations, with the best and the counts
     * beside it, redrawn in place on standard error. Drawn here rather than by a terminal library,
     * which would take over the terminal's signals and with them Ctrl-C's clean stop.
     */
    final class Terminal implements RunDisplay {
        private static final int BAR = 30;
        private final PrintStream out;
        private final int width;
        private String last = "";

        public Terminal(PrintStream out, int width) {
            this.out = out;
            this.width = Math.max(40, width);
        }

        static int columns() {
            try {
                return Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "120").trim());
            } catch (NumberFormatException e) {
                return 120;
            }
        }

        @Override
        public synchronized void update(Progress p) {
            boolean byTime = p.budget() != null;
            double done = byTime ? p.elapsed().toMillis() / (double) Math.max(1, p.budget().toMillis())
                    : p.iterations() / (double) Math.max(1, p.iterationLimit());
            done = Math.min(1, Math.max(0, done));
            int filled = (int) Math.round(done * BAR);
            String where = byTime ? String.format("%ds/%ds", p.elapsed().toSeconds(), p.budget().toSeconds())
                    : String.format("%d/%d", p.iterations(), p.iterationLimit());
            last = String.format("evolve [%s%s] %3d%% %s | %s", "=".repeat(filled), " ".repeat(BAR - filled),
                    Math.round(done * 100), where, p.line());
            redraw();
        }

        private void redraw() {
            String line = last.length() > width - 1 ? last.substring(0, width - 1) : last;
            out.print("\r" + line + "\033[K");
            out.flush();
        }

        @Override
        public synchronized void message(String line) {
            out.print("\r\033[K" + line + "\n");
            redraw();
        }

        @Override
        public synchronized void close() {
            out.println();
            out.flush();
        }
    }

    /** One line per interval (and one per message), for logs and pipes. */
    final class LogLines implements RunDisplay {
        private final PrintStream out;
        private final InstantSource clock;
        private final Duration every;
        private long lastMs = Long.MIN_VALUE;

        public LogLines(PrintStream out, InstantSource clock, Duration every) {
            this.out = out;
            this.clock = clock;
            this.every = every;
        }

        @Override
        public synchronized void update(Progress p) {
            long now = clock.millis();
            if (lastMs != Long.MIN_VALUE && now - lastMs < every.toMillis()) {
                return;
            }
            lastMs = now;
            String where = p.budget() != null
                    ? String.format("%ds/%ds", p.elapsed().toSeconds(), p.budget().toSeconds())
                    : String.format("%d/%d", p.iterations(), p.iterationLimit());
            out.println("[evolve] " + where + " " + p.line());
        }

        @Override
        public synchronized void message(String line) {
            out.println("[evolve] " + line);
        }

        @Override
        public void close() {
            out.flush();
        }
    }
}
