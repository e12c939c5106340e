package dev.evolve.kernels.aparapi;

import java.util.List;
import java.util.Optional;

/** The built-in Aparapi targets, by name. */
public final class AparapiTargets {

    private static final List<AparapiTarget> BUILT_IN = List.of(new MatmulAparapiTarget(), new MatvecAparapiTarget());

    private AparapiTargets() {
    }

    public static List<AparapiTarget> all() {
        return BUILT_IN;
    }

    public static Optional<AparapiTarget> find(String name) {
        return BUILT_IN.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
