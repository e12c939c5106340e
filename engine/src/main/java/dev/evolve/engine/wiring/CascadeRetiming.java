package dev.evolve.engine.wiring;

import dev.evolve.engine.run.Retiming;
import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.cascade.Cascade;
import dev.evolve.eval.jmh.JmhConfirmation;
import dev.evolve.kernels.KernelTarget;

/**
 * {@link Retiming} on a {@link Cascade}: re-timing goes through the same workers as any
 * candidate ({@link ScreenRetiming}), and JMH confirmation through the cascade's fixed harness in
 * a scrubbed forked process, with the bench lane held. The seed's JMH score is measured once per run.
 */
final class CascadeRetiming extends ScreenRetiming {

    private final Cascade cascade;
    private final KernelTarget target;
    private final JmhConfirmation jmh;
    private EvaluationOutcome.Jmh seedJmh;

    /** @param jmhOrNull null turns confirmation off ({@link #confirm} returns null) */
    CascadeRetiming(Cascade cascade, KernelTarget target, JmhConfirmation jmhOrNull) {
        super(cascade);
        this.cascade = cascade;
        this.target = target;
        this.jmh = jmhOrNull;
    }

    @Override
    public synchronized Confirmed confirm(String source) throws InterruptedException {
        if (jmh == null) {
            return null;
        }
        if (seedJmh == null) {
            seedJmh = cascade.jmh(target.seedSource(), jmh);
        }
        return new Confirmed(cascade.jmh(source, jmh), seedJmh);
    }
}
