package dev.evolve.engine.db;

import java.util.List;
import java.util.Objects;

/**
 * What a mutator works from: a parent to change and a few other programs to draw ideas from, sources loaded.
 *
 * @param parent       a measured program of the sampled island
 * @param inspirations distinct measured programs, never the parent: the island's best first, then diverse ones
 */
public record Sample(ProgramRecord parent, List<ProgramRecord> inspirations) {

    public Sample {
        Objects.requireNonNull(parent, "parent");
        inspirations = List.copyOf(inspirations);
        if (inspirations.stream().anyMatch(p -> p.id().equals(parent.id()))) {
            throw new IllegalArgumentException("the parent " + parent.id() + " is not its own inspiration");
        }
        if (inspirations.stream().map(ProgramRecord::id).distinct().count() != inspirations.size()) {
            throw new IllegalArgumentException("inspirations must be distinct programs");
        }
    }
}
