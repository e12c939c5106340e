package dev.evolve.engine.db;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * The built-in feature dimensions, all computed from the source text, and the lookup by name used by
 * {@link DatabaseConfig}.
 *
 * <ul>
 *   <li>{@value #CODE_SIZE}: non-blank lines, log-spaced: bin 0 up to 16 lines, then one bin per doubling</li>
 *   <li>{@value #VECTOR_API}: 1 if a Vector API type is used outside the imports</li>
 *   <li>{@value #PARALLEL}: 1 if a parallel stream is used</li>
 *   <li>{@value #LOOP_DEPTH}: deepest loop nesting (the naive matmul has 3)</li>
 *   <li>{@value #FOR_LOOPS}: number of for loops</li>
 * </ul>
 * Counts beyond the last bin fall into the last bin.
 */
public final class FeatureDimensions {

    public static final String CODE_SIZE = "code_size";
    public static final String VECTOR_API = "vector_api";
    public static final String PARALLEL = "parallel";
    public static final String LOOP_DEPTH = "loop_depth";
    public static final String FOR_LOOPS = "for_loops";

    /** The built-in names with their default bin counts, in a stable order. */
    public static final Map<String, Integer> DEFAULT_BINS = defaults();

    private FeatureDimensions() {}

    private static Map<String, Integer> defaults() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put(CODE_SIZE, 6);
        m.put(VECTOR_API, 2);
        m.put(PARALLEL, 2);
        m.put(LOOP_DEPTH, 6);
        m.put(FOR_LOOPS, 8);
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * The dimension called {@code name}: one of {@code custom} if it has that name, else a built-in with
     * {@code bins} bins.
     *
     * @throws IllegalArgumentException naming the unknown dimension and the known ones
     */
    public static FeatureDimension resolve(String name, int bins, Collection<? extends FeatureDimension> custom) {
        for (FeatureDimension d : custom) {
            if (d.name().equals(name)) {
                if (d.bins() != bins) {
                    throw new IllegalArgumentException("feature dimension " + name + " has " + d.bins()
                            + " bins but the configuration asks for " + bins);
                }
                return d;
            }
        }
        return builtIn(name, bins);
    }

    /** A built-in dimension. */
    public static FeatureDimension builtIn(String name, int bins) {
        Objects.requireNonNull(name, "name");
        if (bins < 1) {
            throw new IllegalArgumentException("feature dimension " + name + " needs at least 1 bin, was " + bins);
        }
        return switch (name) {
            case CODE_SIZE -> new FromSource(name, bins, f -> codeSizeBin(f.nonBlankLines()));
            case VECTOR_API -> new FromSource(name, bins, f -> f.usesVectorApi() ? 1 : 0);
            case PARALLEL -> new FromSource(name, bins, f -> f.parallel() ? 1 : 0);
            case LOOP_DEPTH -> new FromSource(name, bins, SourceFacts::loopDepth);
            case FOR_LOOPS -> new FromSource(name, bins, SourceFacts::forLoops);
            default -> throw new IllegalArgumentException("unknown feature dimension " + name + "; built-ins are "
                    + DEFAULT_BINS.keySet() + " (others must be passed to IslandDatabase.open)");
        };
    }

    /** Bin 0 for up to 16 lines, 1 for up to 32, 2 for up to 64, and so on. */
    static int codeSizeBin(int lines) {
        if (lines <= 16) {
            return 0;
        }
        return 32 - Integer.numberOfLeadingZeros(lines - 1) - 4;
    }

    /** A built-in dimension: a count from {@link SourceFacts}, clamped into the bins. */
    private record FromSource(String name, int bins, ToIntFunction<SourceFacts> value) implements FeatureDimension {
        @Override
        public int bin(ProgramRecord program) {
            int v = value.applyAsInt(SourceFacts.of(program.source()));
            return Math.max(0, Math.min(bins - 1, v));
        }
    }

    static List<String> builtInNames() {
        return List.copyOf(DEFAULT_BINS.keySet());
    }
}
