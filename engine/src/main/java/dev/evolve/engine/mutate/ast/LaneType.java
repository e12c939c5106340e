package dev.evolve.engine.mutate.ast;

import java.util.Optional;
import java.util.Set;

/**
 * The element type a vectorized loop computes in: its Java scalar type, the boxed type of its species, the Vector
 * API class, and which scalar types an invariant expression may have to be broadcast into it without changing what
 * the scalar code computes ({@code IntVector.broadcast} of a long would throw, a double does not fit a FloatVector).
 */
record LaneType(String scalar, String boxed, String vector, boolean floating, Set<String> broadcastable) {

    static final LaneType DOUBLE = new LaneType("double", "Double", "DoubleVector", true,
            Set.of("double", "float", "long", "int", "short", "byte", "char"));
    static final LaneType FLOAT = new LaneType("float", "Float", "FloatVector", true,
            Set.of("float", "long", "int", "short", "byte", "char"));
    static final LaneType INT = new LaneType("int", "Integer", "IntVector", false, Set.of("int", "short", "byte", "char"));
    static final LaneType LONG = new LaneType("long", "Long", "LongVector", false,
            Set.of("long", "int", "short", "byte", "char"));

    /** The lanes of a scalar element type, when the vectorizer supports it. */
    static Optional<LaneType> of(String scalar) {
        return switch (scalar) {
            case "double" -> Optional.of(DOUBLE);
            case "float" -> Optional.of(FLOAT);
            case "int" -> Optional.of(INT);
            case "long" -> Optional.of(LONG);
            default -> Optional.empty();
        };
    }

    /** The identity of a reduction, as a vector expression. */
    String identity(String vectorType, String species, String kind) {
        return switch (kind) {
            case "max" -> vectorType + ".broadcast(" + species + ", " + lowest() + ")";
            case "min" -> vectorType + ".broadcast(" + species + ", " + highest() + ")";
            default -> vectorType + ".zero(" + species + ")";
        };
    }

    private String lowest() {
        return floating ? boxed + ".NEGATIVE_INFINITY" : boxed + ".MIN_VALUE";
    }

    private String highest() {
        return floating ? boxed + ".POSITIVE_INFINITY" : boxed + ".MAX_VALUE";
    }
}
