package dev.evolve.engine.mutate.ast;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.type.ArrayType;
import com.github.javaparser.ast.type.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Shared expression analysis for the rewrites: the names an expression reads, what a region assigns
 * and writes, purity (with or without {@code Math}), signed terms, canonical index arithmetic, and
 * what a name is declared as or defined to.
 */
final class Expressions {

    private Expressions() {
    }

    static boolean isName(Expression e, String name) {
        return e instanceof NameExpr n && n.getNameAsString().equals(name);
    }

    /** Identifiers referenced as names (variables) anywhere under {@code node}. */
    static Set<String> names(Node node) {
        Set<String> out = new HashSet<>();
        if (node instanceof NameExpr n) {
            out.add(n.getNameAsString());
        }
        node.findAll(NameExpr.class).forEach(n -> out.add(n.getNameAsString()));
        return out;
    }

    /** Variables assigned, incremented or declared under {@code node}. */
    static Set<String> assigned(Node node) {
        Set<String> out = reassigned(node);
        node.findAll(VariableDeclarator.class).forEach(d -> out.add(d.getNameAsString()));
        node.findAll(Parameter.class).forEach(p -> out.add(p.getNameAsString()));
        return out;
    }

    /** Variables assigned or incremented (not declared) under {@code node}. */
    private static Set<String> reassigned(Node node) {
        Set<String> out = new HashSet<>();
        node.findAll(AssignExpr.class).forEach(a -> {
            if (a.getTarget() instanceof NameExpr n) {
                out.add(n.getNameAsString());
            }
        });
        node.findAll(UnaryExpr.class).forEach(u -> {
            if (u.getExpression() instanceof NameExpr n && isIncrementOrDecrement(u.getOperator())) {
                out.add(n.getNameAsString());
            }
        });
        return out;
    }

    private static boolean isIncrementOrDecrement(UnaryExpr.Operator op) {
        return op == UnaryExpr.Operator.POSTFIX_INCREMENT || op == UnaryExpr.Operator.PREFIX_INCREMENT
                || op == UnaryExpr.Operator.POSTFIX_DECREMENT || op == UnaryExpr.Operator.PREFIX_DECREMENT;
    }

    /**
     * Arrays (by variable name) that may be written under {@code node}: assignment targets, the array of
     * {@code intoArray}, and, conservatively, any array passed to another method that is not a known reader.
     */
    static Set<String> arraysWritten(Node node) {
        Set<String> out = new HashSet<>();
        node.findAll(AssignExpr.class).forEach(a -> {
            if (a.getTarget() instanceof ArrayAccessExpr acc) {
                out.add(arrayName(acc));
            }
        });
        node.findAll(UnaryExpr.class).forEach(u -> {
            if (u.getExpression() instanceof ArrayAccessExpr acc && isIncrementOrDecrement(u.getOperator())) {
                out.add(arrayName(acc));
            }
        });
        node.findAll(MethodCallExpr.class).forEach(call -> {
            String m = call.getNameAsString();
            if (m.equals("fromArray") || m.equals("broadcast") || m.startsWith("loopBound")
                    || call.getScope().map(s -> s.toString().equals("Math")).orElse(false)) {
                return;
            }
            call.getArguments().forEach(arg -> {
                // a name known not to be an array cannot be written through
                if (arg instanceof NameExpr n && declaredType(n.getNameAsString(), call)
                        .map(Type::isArrayType).orElse(true)) {
                    out.add(n.getNameAsString());
                }
            });
        });
        return out;
    }

    /** The array variable of an access, or "" when it is not a plain name. */
    static String arrayName(ArrayAccessExpr acc) {
        return acc.getName() instanceof NameExpr n ? n.getNameAsString() : "";
    }

    /** Side-effect-free arithmetic over names, literals and array reads. */
    static boolean pure(Expression e) {
        return pure(e, false);
    }

    /** {@code java.lang.Math} functions without side effects that generated code may call or translate. */
    static final Set<String> PURE_MATH = Set.of("exp", "log", "sqrt", "abs", "max", "min", "fma", "floor", "ceil");

    /**
     * As {@link #pure(Expression)}, and also calls of the {@link #PURE_MATH} functions of {@code Math} and the
     * constants of {@code Double} and {@code Math} ({@code Double.NEGATIVE_INFINITY}).
     */
    static boolean pureWithMath(Expression e) {
        return pure(e, true);
    }

    private static boolean pure(Expression e, boolean math) {
        if (e instanceof NameExpr || e instanceof IntegerLiteralExpr || e instanceof DoubleLiteralExpr) {
            return true;
        }
        if (e instanceof EnclosedExpr en) {
            return pure(en.getInner(), math);
        }
        if (e instanceof CastExpr c) {
            return pure(c.getExpression(), math);
        }
        if (e instanceof UnaryExpr u) {
            return (u.getOperator() == UnaryExpr.Operator.MINUS || u.getOperator() == UnaryExpr.Operator.PLUS)
                    && pure(u.getExpression(), math);
        }
        if (e instanceof BinaryExpr b) {
            return switch (b.getOperator()) {
                case PLUS, MINUS, MULTIPLY, DIVIDE, REMAINDER -> pure(b.getLeft(), math) && pure(b.getRight(), math);
                default -> false;
            };
        }
        if (e instanceof ArrayAccessExpr a) {
            return a.getName() instanceof NameExpr && pure(a.getIndex(), math);
        }
        if (math && e instanceof MethodCallExpr call) {
            return isMathCall(call) && call.getArguments().stream().allMatch(arg -> pure(arg, true));
        }
        if (math && e instanceof FieldAccessExpr f) {
            return f.getScope() instanceof NameExpr scope
                    && (scope.getNameAsString().equals("Double") || scope.getNameAsString().equals("Math"));
        }
        return false;
    }

    /** {@code Math.f(...)} with f one of {@link #PURE_MATH}. */
    static boolean isMathCall(MethodCallExpr call) {
        return call.getScope().map(s -> s instanceof NameExpr n && n.getNameAsString().equals("Math")).orElse(false)
                && PURE_MATH.contains(call.getNameAsString());
    }

    /**
     * The terms of a sum or difference with their signs: {@code i * n + j - 1} gives {@code +(i * n), +j, -1}.
     * Only the right operand of a subtraction is negated; its inside is not flattened further.
     */
    record SignedTerm(Expression term, boolean negative) {
    }

    static List<SignedTerm> signedTerms(Expression e) {
        List<SignedTerm> out = new ArrayList<>();
        signedTerms(e, false, out);
        return out;
    }

    private static void signedTerms(Expression e, boolean negative, List<SignedTerm> out) {
        Expression x = e;
        while (x instanceof EnclosedExpr en) {
            x = en.getInner();
        }
        if (x instanceof BinaryExpr b && b.getOperator() == BinaryExpr.Operator.PLUS) {
            signedTerms(b.getLeft(), negative, out);
            signedTerms(b.getRight(), negative, out);
        } else if (x instanceof BinaryExpr b && b.getOperator() == BinaryExpr.Operator.MINUS) {
            signedTerms(b.getLeft(), negative, out);
            signedTerms(b.getRight(), !negative, out);
        } else {
            out.add(new SignedTerm(x, negative));
        }
    }

    /** The names an expression reads outside array subscripts: {@code c[iN + j]} gives c, iN, j; {@code c[v[i]]} gives c, v. */
    static Set<String> directNames(Expression index) {
        Set<String> out = new HashSet<>();
        for (NameExpr n : index.findAll(NameExpr.class)) {
            boolean subscripted = false;
            for (Node p = n.getParentNode().orElse(null), child = n; p != null && child != index;
                 child = p, p = p.getParentNode().orElse(null)) {
                if (p instanceof ArrayAccessExpr a && a.getIndex() == child) {
                    subscripted = true;
                    break;
                }
            }
            if (!subscripted) {
                out.add(n.getNameAsString());
            }
        }
        return out;
    }

    /** The declared type of a variable visible from {@code context} (parameter, local or field), by name. */
    static Optional<Type> declaredType(String name, Node context) {
        Node root = Loops.ancestor(context, MethodDeclaration.class).map(m -> (Node) m).orElse(context);
        for (Parameter p : root.findAll(Parameter.class)) {
            if (p.getNameAsString().equals(name)) {
                return Optional.of(p.getType());
            }
        }
        for (VariableDeclarator d : root.findAll(VariableDeclarator.class)) {
            if (d.getNameAsString().equals(name)) {
                return Optional.of(d.getType());
            }
        }
        return Loops.ancestor(context, ClassOrInterfaceDeclaration.class)
                .flatMap(type -> type.getFieldByName(name))
                .flatMap(f -> f.getVariables().stream().filter(v -> v.getNameAsString().equals(name)).findFirst())
                .map(VariableDeclarator::getType);
    }

    /** Pure locals defined once in the method and never reassigned (loop variables excluded), by name. */
    static Map<String, Expression> definitions(Node method) {
        Map<String, Integer> counts = new HashMap<>();
        method.findAll(VariableDeclarator.class).forEach(d -> counts.merge(d.getNameAsString(), 1, Integer::sum));
        Set<String> reassigned = reassigned(method);
        Map<String, Expression> out = new HashMap<>();
        for (VariableDeclarator d : method.findAll(VariableDeclarator.class)) {
            boolean loopVariable = d.getParentNode().orElse(null) instanceof VariableDeclarationExpr v
                    && v.getParentNode().orElse(null) instanceof ForStmt;
            String name = d.getNameAsString();
            if (!loopVariable && counts.get(name) == 1 && !reassigned.contains(name)
                    && d.getInitializer().isPresent() && pure(d.getInitializer().get())) {
                out.put(name, d.getInitializer().get());
            }
        }
        return out;
    }

    /** Whether the named variable is a {@code double[]}. */
    static boolean isDoubleArray(String name, Node context) {
        return declaredType(name, context)
                .filter(t -> t instanceof ArrayType at && at.getArrayLevel() == 1
                        && at.getElementType().asString().equals("double"))
                .isPresent();
    }

    /**
     * A canonical text for integer index arithmetic: parentheses dropped, sums and products flattened and
     * their operands sorted, so {@code (n*i) + k} and {@code k + i*n} compare equal.
     */
    static String canonical(Expression e) {
        if (e instanceof EnclosedExpr en) {
            return canonical(en.getInner());
        }
        if (e instanceof BinaryExpr b && (b.getOperator() == BinaryExpr.Operator.PLUS
                || b.getOperator() == BinaryExpr.Operator.MULTIPLY)) {
            List<Expression> operands = new ArrayList<>();
            flatten(b, b.getOperator(), operands);
            String op = b.getOperator() == BinaryExpr.Operator.PLUS ? "+" : "*";
            return operands.stream().map(Expressions::canonical).sorted()
                    .collect(Collectors.joining(" ", "(" + op + " ", ")"));
        }
        if (e instanceof BinaryExpr b) {
            return "(" + b.getOperator().asString() + " " + canonical(b.getLeft()) + " " + canonical(b.getRight()) + ")";
        }
        if (e instanceof ArrayAccessExpr a) {
            return canonical(a.getName()) + "[" + canonical(a.getIndex()) + "]";
        }
        return e.toString();
    }

    private static void flatten(Expression e, BinaryExpr.Operator op, List<Expression> out) {
        Expression x = e;
        while (x instanceof EnclosedExpr en) {
            x = en.getInner();
        }
        if (x instanceof BinaryExpr b && b.getOperator() == op) {
            flatten(b.getLeft(), op, out);
            flatten(b.getRight(), op, out);
        } else {
            out.add(x);
        }
    }

    /** Replaces names by their definitions (pure single-definition locals), repeatedly, to a bounded depth. */
    static Expression expand(Expression e, Map<String, Expression> definitions) {
        Expression out = e.clone();
        for (int round = 0; round < 8; round++) {
            boolean changed = false;
            for (String name : names(out)) {
                Expression def = definitions.get(name);
                if (def != null) {
                    out = Loops.substitute(out, name, def);
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
        }
        return out;
    }

    /** Flattened operands of a sum. */
    static List<Expression> terms(Expression e) {
        List<Expression> out = new ArrayList<>();
        flatten(e, BinaryExpr.Operator.PLUS, out);
        return out;
    }
}
