package dev.evolve.kernels.opencl;

import dev.evolve.kernels.Target;
import dev.evolve.kernels.Tolerance;
import java.util.ArrayList;
import java.util.List;

/**
 * A kernel written in OpenCL C, with its trusted host side.
 *
 * <p>A variant is an OpenCL C file ({@link #fileName()}). Only the text between
 * {@code // EVOLVE-BLOCK-START} and {@code // EVOLVE-BLOCK-END} may differ from
 * {@link #seedSource()}; the block holds the kernel {@link #kernelName()} and the launch knobs
 * the host reads ({@link #knobs()}, as {@code #define NAME value} lines). The host computes the
 * launch from the knobs ({@link #range}), passes {@link OpenClProblem#arguments()} in order, and
 * checks every output against a Java reference.
 *
 * <pre>{@code
 * OpenClTarget t = OpenClTargets.require("matmul-opencl");
 * Knobs knobs = Knobs.parse(t.seedSource());
 * List<String> wrong = t.knobProblems(knobs);          // empty for the seed
 * NdRange range = t.range(knobs, 1024);
 * OpenClProblem p = t.newProblem(1024, 42L);
 * }</pre>
 */
public interface OpenClTarget extends Target {

    /** The variant language: OpenCL C. */
    @Override
    default String language() {
        return "opencl-c";
    }

    /** The {@code __kernel} function the host launches. */
    String kernelName();

    /** Sizes checked for correctness, small ones first; include sizes that are no multiple of any work-group or tile. */
    List<Integer> checkSizes();

    /** How far a variant's output may be from the reference's (the base; problems may scale it with the size). */
    Tolerance tolerance();

    /** Minimum bytes moved by one launch: every input read once and every output written once. */
    @Override
    double bytes(int size);

    /** The knobs the host reads, in the order the seed defines them. */
    List<Knob> knobs();

    /**
     * Rules between knobs beyond each one's bounds (for example one must divide another); one
     * message per broken rule. Called only when every knob is present and in bounds.
     */
    default List<String> knobRules(Knobs knobs) {
        return List.of();
    }

    /** Everything wrong with a variant's knobs; empty when the host can launch it. */
    default List<String> knobProblems(Knobs knobs) {
        List<String> problems = new ArrayList<>(knobs.problems(knobs()));
        if (problems.isEmpty()) {
            problems.addAll(knobRules(knobs));
        }
        return problems;
    }

    /** The launch at {@code size} for knobs that passed {@link #knobProblems}. */
    NdRange range(Knobs knobs, int size);

    /**
     * A fresh problem instance: inputs drawn from {@code seed}, outputs pre-filled with noise,
     * the expected result computed by the trusted reference.
     */
    OpenClProblem newProblem(int size, long seed);

    /** The same target timed at {@code timingSize}; see {@link OpenClTargets#withTimingSize}. */
    @Override
    default OpenClTarget withTimingSize(int timingSize) {
        return OpenClTargets.withTimingSize(this, timingSize);
    }
}
