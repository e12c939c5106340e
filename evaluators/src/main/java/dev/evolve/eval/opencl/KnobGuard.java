package dev.evolve.eval.opencl;

import dev.evolve.kernels.opencl.Knob;
import dev.evolve.kernels.opencl.Knobs;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lines appended to a variant before it is built, so that the kernel is compiled with the knob
 * values the host launches it with: for each host knob, an {@code #error} unless the
 * preprocessor sees the same value at the end of the file (a define hidden in a comment or an
 * {@code #if}, or changed later, fails the build with a clear message).
 *
 * @param source      the variant followed by the guard lines
 * @param guardLines  1-based line of each guard's {@code #error} -> the knob's line in the variant
 */
record KnobGuard(String source, Map<Long, Long> guardLines) {

    static KnobGuard append(String variant, List<Knob> hostKnobs, Knobs knobs) {
        StringBuilder b = new StringBuilder(variant);
        if (!variant.endsWith("\n")) {
            b.append('\n');
        }
        long line = variant.lines().count() + 1;
        Map<Long, Long> lines = new HashMap<>();
        b.append("// host knob checks\n");
        line++;
        for (Knob k : hostKnobs) {
            int v = knobs.require(k.name());
            b.append("#if !defined(").append(k.name()).append(") || (").append(k.name()).append(") != ").append(v)
                    .append('\n');
            b.append("#error \"the host launches with ").append(k.name()).append(" = ").append(v)
                    .append(" (line ").append(knobs.line(k.name()))
                    .append("), but the kernel sees another value: define it once, unconditionally\"\n");
            b.append("#endif\n");
            lines.put(line + 1, (long) knobs.line(k.name()));
            line += 3;
        }
        return new KnobGuard(b.toString(), Map.copyOf(lines));
    }
}
