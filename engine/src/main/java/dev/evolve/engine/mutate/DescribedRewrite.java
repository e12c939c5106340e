package dev.evolve.engine.mutate;

import java.util.List;
import java.util.Objects;

/** A {@link Rewrite} whose name, one-line description and knob values are fixed when it is made. */
public abstract class DescribedRewrite implements Rewrite {

    private final String name;
    private final String description;
    private final List<Integer> knobs;

    protected DescribedRewrite(String name, String description, List<Integer> knobs) {
        this.name = Objects.requireNonNull(name);
        this.description = Objects.requireNonNull(description);
        this.knobs = List.copyOf(knobs);
    }

    @Override public final String name() { return name; }

    @Override public final String description() { return description; }

    @Override public final List<Integer> knobs() { return knobs; }

    @Override
    public String toString() {
        return name;
    }
}
