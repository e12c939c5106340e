package dev.evolve.engine.mutate.opencl;

import dev.evolve.kernels.Resources;
import dev.evolve.kernels.opencl.Knobs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * A structural rewrite that puts a known-good parametrised kernel of another shape in place of
 * the block: the launch knobs the host reads keep the parent's values unless the shape sets
 * them, the shape's own knobs come from the rewrite's knob, and the kernel text comes from a
 * template beside this class. The knobs are then the tuner's to move.
 */
final class KernelTemplate extends OpenClRewrite {

    private final String template;
    private final List<String> hostKnobs;
    private final BiFunction<Knobs, Integer, Map<String, Integer>> knobValues;

    /**
     * @param hostKnobs  the host's knob names, in the order they are written
     * @param knobValues from the parent's knobs and the rewrite's knob, the values this shape sets
     *                   (host knobs it fixes and its own, such as TILE)
     */
    KernelTemplate(String name, String description, List<Integer> knobs, String resource, List<String> hostKnobs,
                   BiFunction<Knobs, Integer, Map<String, Integer>> knobValues) {
        super(name, description, knobs);
        this.template = Resources.text(KernelTemplate.class, resource);
        this.hostKnobs = List.copyOf(hostKnobs);
        this.knobValues = knobValues;
    }

    @Override
    Optional<String> rewriteBody(String body, int knob) {
        if (!knobs().contains(knob)) {
            return Optional.empty();
        }
        Knobs parent = Knobs.parse(body);
        Map<String, Integer> values = new LinkedHashMap<>();
        for (String k : hostKnobs) {
            Integer v = parent.values().get(k);
            if (v == null) {
                return Optional.empty();   // not a variant of this target
            }
            values.put(k, v);
        }
        values.putAll(knobValues.apply(parent, knob));
        return Optional.of(Defines.lines(values) + "\n" + template);
    }
}
