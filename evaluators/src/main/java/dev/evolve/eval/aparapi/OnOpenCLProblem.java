package dev.evolve.eval.aparapi;

import com.aparapi.Kernel;
import dev.evolve.kernels.Mismatch;
import dev.evolve.kernels.Problem;
import java.util.Optional;

/**
 * A target's problem whose {@link #invoke} accepts a result only from an OpenCL device: after the
 * kernel ran, it throws {@link NotOnOpenCLException} (with Aparapi's reason) when Aparapi fell
 * back to Java. Checks and timed runs both go through here, so a fallback is never verified as
 * correct and never timed.
 */
final class OnOpenCLProblem implements Problem {

    private final Problem problem;

    OnOpenCLProblem(Problem problem) {
        this.problem = problem;
    }

    @Override
    public int size() {
        return problem.size();
    }

    @Override
    public void scrambleOutput() {
        problem.scrambleOutput();
    }

    @Override
    public void invoke(Object kernel) {
        if (!(kernel instanceof Kernel k)) {
            throw new ClassCastException(kernel.getClass().getName() + " is no com.aparapi.Kernel");
        }
        AparapiRuntime.beginRun(k);
        problem.invoke(kernel);
        AparapiRuntime.requireOpenCL(k);
    }

    @Override
    public Optional<Mismatch> verify() {
        return problem.verify();
    }

    @Override
    public Object output() {
        return problem.output();
    }

    @Override
    public java.util.List<Object> inputs() {
        return problem.inputs();
    }
}
