package dev.evolve.engine.run;

import java.io.PrintStream;
import java.time.Duration;
import java.time.InstantSource;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Shows a run's progress: a live bar on a terminal, plain log lines elsewhere. */
public interface RunDisplay extends AutoCloseable {

    void update(Progress progress);

    /** A notable event (a new best, a re-timing, a warning), shown on its own line. */
    void message(String line);

    @Override
    void close();

    /** The display that fits the standard error stream: a live bar on a terminal, log lines otherwise. */
    static RunDisplay forConsole(InstantSource clock) {
        return isTerminal() ? new Terminal() : new LogLines(System.err, clock, Duration.ofSeconds(10));
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

    /** A progress bar over the budget (seconds) or the iterations, with the best and the counts beside it. */
    final class Terminal implements RunDisplay {
        private ProgressBar bar;

        @Override
        public synchronized void update(Progress p) {
            boolean byTime = p.budget() != null;
            long max = byTime ? p.budget().toSeconds() : p.iterationLimit();
            if (bar == null) {
                bar = new ProgressBarBuilder().setTaskName("evolve").setInitialMax(max)
                        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500)
                        .setUnit(byTime ? "s" : " children", 1).continuousUpdate().build();
            }
            bar.stepTo(Math.min(max, byTime ? p.elapsed().toSeconds() : p.iterations()));
            bar.setExtraMessage(p.line());
        }

        @Override
        public synchronized void message(String line) {
            System.err.println();
            System.err.println(line);
        }

        @Override
        public synchronized void close() {
            if (bar != null) {
                bar.close();
            }
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
