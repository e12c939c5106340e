package dev.evolve.engine.mutate.opencl;

import dev.evolve.kernels.opencl.Knobs;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Knob tuning: moves one integer {@code #define} of the block (a work-group size, the work per
 * item, a tile, a vector width) to the neighbouring value of {@link #LADDER}. Knob = 2 * (index of
 * the define among the block's integer defines, in source order) + direction (0 down, 1 up); a
 * value at the end of the ladder does not move. Whether the new value fits the kernel is the
 * evaluator's to judge (the kernels' own {@code #error} checks and the device limits).
 */
final class TuneKnob extends OpenClRewrite {

    static final List<Integer> LADDER = List.of(1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 256);
    /** Defines reachable by a knob: the first eight of the block. */
    static final int MAX_DEFINES = 8;

    TuneKnob() {
        super("tune-knob", "move an integer #define (LOCAL_X, WPT_Y, TILE, VW, ...) to the neighbouring value of "
                + LADDER, IntStream.range(0, 2 * MAX_DEFINES).boxed().toList());
    }

    @Override
    Optional<String> rewriteBody(String body, int knob) {
        Knobs knobs = Knobs.parse(body);
        List<String> names = new ArrayList<>(knobs.values().keySet());
        int index = knob / 2;
        if (index >= names.size()) {
            return Optional.empty();
        }
        String name = names.get(index);
        int value = knobs.values().get(name);
        int next = neighbour(value, knob % 2 == 1);
        if (next == value) {
            return Optional.empty();
        }
        return Optional.of(Defines.set(body, name, next));
    }

    /** The next ladder value above or below {@code value} (values off the ladder snap to the nearest rung that way). */
    static int neighbour(int value, boolean up) {
        if (up) {
            return LADDER.stream().filter(x -> x > value).findFirst().orElse(value);
        }
        return LADDER.reversed().stream().filter(x -> x < value).findFirst().orElse(value);
    }
}
