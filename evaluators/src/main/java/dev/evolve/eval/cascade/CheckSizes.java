package dev.evolve.eval.cascade;

import dev.evolve.kernels.KernelTarget;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The sizes a candidate is checked at: the target's fixed check sizes plus one drawn at random for
 * each evaluation strictly between the largest of them and the timing size, so that a kernel wrong
 * only at sizes nobody checks (special-cased sizes, a tile that breaks above some n) cannot count
 * on never being checked there. The timed runs are verified at the timing size itself.
 */
final class CheckSizes {

    private CheckSizes() {
    }

    /** The target's check sizes, then one extra size in (largest check size, timing size) when there is room. */
    static List<Integer> withRandomExtra(KernelTarget target, RandomGenerator random) {
        List<Integer> sizes = new ArrayList<>(target.checkSizes());
        int largest = sizes.isEmpty() ? 0 : Collections.max(sizes);
        int timing = target.timingSize();
        if (timing - largest >= 2) {
            sizes.add(random.nextInt(largest + 1, timing));
        }
        return List.copyOf(sizes);
    }
}
