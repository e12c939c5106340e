package dev.evolve.kernels.custom;

import dev.evolve.kernels.Construct;
import java.util.List;
import java.util.Objects;

/**
 * Everything that defines a custom array kernel, as plain data: what a folder's {@code target.yaml}
 * says, with the seed's and the reference's source text read in. It travels to worker processes with
 * each candidate, where the reference is compiled and an {@link ArrayKernelTarget} rebuilt from it.
 * The compact constructor checks every field and names it in its message, as the spec file spells it.
 *
 * @param name               short name of the target (run ids and listings)
 * @param description        one line saying what is computed
 * @param className          the class the seed declares (default package), implementing {@link ArrayKernel}
 * @param seedSource         the seed, with its evolve block
 * @param referenceClassName the class of the trusted reference (default package)
 * @param referenceSource    the trusted reference, implementing {@link ArrayKernel}
 * @param inputs             the input arrays, in the order the kernel receives them
 * @param outputLength       length of the output array, an expression in n
 * @param flops              floating-point operations of one run, an expression in n
 * @param bytes              bytes a run must move, an expression in n; null: every input read once and the
 *                           output written once, 8 bytes an element
 * @param checkSizes         sizes checked for correctness, ascending
 * @param timingSize         size at which variants are timed
 * @param relativeTolerance  relative part of the {@link dev.evolve.kernels.Tolerance}
 * @param absoluteTolerance  absolute part of the tolerance
 * @param constructs         constructs beyond plain sequential Java that variants may use
 */
public record ArrayKernelSpec(String name, String description, String className, String seedSource,
                              String referenceClassName, String referenceSource, List<Input> inputs,
                              String outputLength, String flops, String bytes, List<Integer> checkSizes,
                              int timingSize, double relativeTolerance, double absoluteTolerance,
                              List<Construct> constructs) {

    /** Largest array a spec may ask for (elements), so that a typo cannot make a worker allocate without bound. */
    public static final long MAX_ELEMENTS = 1L << 28;

    /**
     * One input array: its length (an expression in n) and the range its values are drawn from,
     * uniformly in {@code [min, max)}.
     */
    public record Input(String name, String length, double min, double max) {
        public Input {
            require(name != null && name.matches("[A-Za-z_][A-Za-z0-9_]*"), "inputs[].name",
                    "must be a name (letters, digits, underscores), was " + quote(name));
            expression(length, "inputs[" + name + "].length");
            require(Double.isFinite(min) && Double.isFinite(max) && min < max, "inputs[" + name + "].min/max",
                    "need finite min < max, was " + min + " and " + max);
        }
    }

    public ArrayKernelSpec {
        require(name != null && name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*"), "name",
                "must be letters, digits, '.', '_' or '-', starting with a letter or digit; was " + quote(name));
        description = description == null ? "" : description.strip();
        require(isJavaName(className), "seed", "must be a file named after its class, e.g. Saxpy.java; class was "
                + quote(className));
        require(seedSource != null && !seedSource.isBlank(), "seed", "the seed file is empty");
        require(isJavaName(referenceClassName), "reference", "must be a file named after its class; class was "
                + quote(referenceClassName));
        require(!referenceClassName.equals(className), "reference",
                "the reference class must not share the seed's name " + className);
        require(referenceSource != null && !referenceSource.isBlank(), "reference", "the reference file is empty");
        require(inputs != null && !inputs.isEmpty(), "inputs", "a kernel needs at least one input array");
        inputs = List.copyOf(inputs);
        require(inputs.stream().map(Input::name).distinct().count() == inputs.size(), "inputs",
                "input names must differ");
        expression(outputLength, "output.length");
        expression(flops, "flops");
        if (bytes != null) {
            expression(bytes, "bytes");
        }
        require(checkSizes != null && !checkSizes.isEmpty(), "check_sizes", "list at least one size");
        checkSizes = List.copyOf(checkSizes);
        for (int i = 0; i < checkSizes.size(); i++) {
            require(checkSizes.get(i) >= 1, "check_sizes", "sizes must be >= 1, was " + checkSizes.get(i));
            require(i == 0 || checkSizes.get(i) > checkSizes.get(i - 1), "check_sizes",
                    "sizes must be ascending without repeats: " + checkSizes);
        }
        require(timingSize >= 1, "timing_size", "must be >= 1, was " + timingSize);
        require(Double.isFinite(relativeTolerance) && relativeTolerance >= 0, "tolerance.relative",
                "must be finite and >= 0, was " + relativeTolerance);
        require(Double.isFinite(absoluteTolerance) && absoluteTolerance >= 0, "tolerance.absolute",
                "must be finite and >= 0, was " + absoluteTolerance);
        constructs = constructs == null ? List.of() : List.copyOf(constructs);
        for (int n : checkSizes) {
            lengths(inputs, outputLength, n);
        }
        lengths(inputs, outputLength, timingSize);
    }

    /** Input lengths at size {@code n}, then the output length. */
    public int[] lengths(int n) {
        return lengths(inputs, outputLength, n);
    }

    private static int[] lengths(List<Input> inputs, String outputLength, int n) {
        int[] out = new int[inputs.size() + 1];
        for (int i = 0; i < inputs.size(); i++) {
            out[i] = length(inputs.get(i).length(), n, "inputs[" + inputs.get(i).name() + "].length");
        }
        out[inputs.size()] = length(outputLength, n, "output.length");
        require(out[inputs.size()] >= 1, "output.length", "is 0 at n=" + n + "; a kernel writes at least one element");
        return out;
    }

    private static int length(String expression, int n, String field) {
        double v = SizeExpression.parse(expression).at(n);
        require(Double.isFinite(v) && v >= 0 && v <= MAX_ELEMENTS, field,
                "'" + expression + "' is " + v + " at n=" + n + "; a length must be in 0.." + MAX_ELEMENTS);
        require(v == Math.floor(v), field, "'" + expression + "' is " + v + " at n=" + n + ", not a whole number");
        return (int) v;
    }

    private static void expression(String text, String field) {
        require(text != null, field, "is required");
        try {
            SizeExpression.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException(field, e.getMessage());
        }
    }

    private static boolean isJavaName(String s) {
        return s != null && !s.isEmpty() && Character.isJavaIdentifierStart(s.charAt(0))
                && s.chars().allMatch(Character::isJavaIdentifierPart);
    }

    private static String quote(Object o) {
        return o == null ? "nothing" : "'" + o + "'";
    }

    private static void require(boolean ok, String field, String message) {
        if (!ok) {
            throw new InvalidSpecException(field, message);
        }
    }

    /** A field of the spec is missing or wrong; {@link #field()} is its name as the spec file spells it. */
    public static final class InvalidSpecException extends IllegalArgumentException {
        private final String field;

        public InvalidSpecException(String field, String message) {
            super("field '" + field + "': " + message);
            this.field = Objects.requireNonNull(field);
        }

        public String field() {
            return field;
        }
    }
}
