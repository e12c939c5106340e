package dev.evolve.kernels.opencl;

import java.util.Objects;

/**
 * A launch knob the host reads from a variant: a {@code #define NAME value} line whose value must
 * be a plain integer literal in {@code [min, max]}.
 *
 * @param meaning one line for users and mutators, e.g. "work-items per work-group along columns"
 */
public record Knob(String name, int min, int max, String meaning) {

    public Knob {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Z_][A-Z0-9_]*")) {
            throw new IllegalArgumentException("a knob name is an upper-case identifier: " + name);
        }
        if (min < 1 || max < min) {
            throw new IllegalArgumentException("need 1 <= min <= max: " + min + ", " + max);
        }
        meaning = meaning == null ? "" : meaning;
    }
}
