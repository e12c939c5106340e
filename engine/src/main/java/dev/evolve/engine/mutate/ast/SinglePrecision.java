package dev.evolve.engine.mutate.ast;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.type.ArrayType;
import java.util.regex.Pattern;

/**
 * Turns the text of a generated double-precision kernel into its float twin: {@code DoubleVector} to
 * {@code FloatVector}, {@code double} to {@code float}, the literal {@code 0.0} to {@code 0.0f}. Safe only on text a
 * rewrite generated itself, where the only user names are identifiers (array names, the order): no identifier can be
 * {@code double}, and generated code writes no other floating literal. The species name passed to the generator must
 * already be the float one.
 */
final class SinglePrecision {

    private static final Pattern VECTOR = Pattern.compile("\\bDoubleVector\\b");
    private static final Pattern SCALAR = Pattern.compile("\\bdouble\\b");
    private static final Pattern ZERO = Pattern.compile("\\b0\\.0\\b(?![fFdD])");

    private SinglePrecision() {
    }

    static String of(String doubleText) {
        String out = VECTOR.matcher(doubleText).replaceAll("FloatVector");
        out = SCALAR.matcher(out).replaceAll("float");
        return ZERO.matcher(out).replaceAll("0.0f");
    }

    /** Whether {@code name} is declared as a one-dimensional float array where {@code context} sees it. */
    static boolean isFloatArray(String name, Node context) {
        return Expressions.declaredType(name, context)
                .filter(t -> t instanceof ArrayType at && at.getArrayLevel() == 1 && at.getElementType().asString().equals("float"))
                .isPresent();
    }
}
