package dev.evolve.engine.mutate.ast;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.BreakStmt;
import com.github.javaparser.ast.stmt.ContinueStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.LabeledStmt;
import com.github.javaparser.ast.stmt.LocalClassDeclarationStmt;
import com.github.javaparser.ast.stmt.LocalRecordDeclarationStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.YieldStmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Complete unrolling of loops with constant bounds: {@code for (int di = -1; di <= 1; di++)} becomes three copies of
 * its body with {@code di} replaced by -1, 0 and 1, and the integer arithmetic on those constants folded
 * ({@code (2 - Math.abs(-1)) * (2 - Math.abs(0))} is {@code 2}, {@code (i + -1) * n} is {@code (i - 1) * n}). A
 * filter's tap loops inside a vectorized or tiled pixel loop then cost no loop control, no per-tap weight arithmetic
 * and no per-tap broadcast: every weight is a constant and every load an address the JIT sees in full. The JIT
 * unrolls short loops of constant trip count itself, so the gain depends on the kernel: on blur3x3's vector tile
 * none was measurable; the search keeps the step where it pays.
 *
 * <p>A site is an outermost loop whose bounds and step are integer constants and whose copies, with the constant
 * loops nested in it, number at most {@value #MAX_COPIES}; every constant loop of the site is unrolled. Applies only
 * where it is safe by construction: the loop variable is not assigned in the body (checked by
 * {@link Loops#counted}), and the body holds no {@code break}, {@code continue}, {@code return}, {@code yield} or
 * label, whose meaning the copies would change. Copies that declare locals get their own block. The result is the
 * same program: the body runs for the same values in the same order. Knob: 0 unrolls every site; k unrolls the k-th
 * site only, in source order (loops inside parallel tasks count): a vectorized loop's scalar tail holds a copy of
 * the taps that need not grow.
 */
final class UnrollConstantLoops extends AstRewrite {

    /** Copies of the innermost body a site may make: a 5 x 5 filter's taps, not a loop that only happens to be short. */
    static final int MAX_COPIES = 32;

    /** Statements the copies of a site may hold: unrolling a long body fills the instruction cache, not the pipeline. */
    private static final int MAX_STATEMENTS = 512;

    UnrollConstantLoops() {
        super("unroll-full", "completely unroll loop nests with constant bounds (filter taps), folding the constants; "
                + "knob = 0: every site, k: site k - 1", List.of(0, 1, 2, 3));
    }

    @Override
    boolean rewrite(BlockUnit unit, int knob) {
        List<ForStmt> sites = unit.members().findAll(ForStmt.class).stream()
                .filter(UnrollConstantLoops::site).toList();
        if (knob > sites.size() || sites.isEmpty()) {
            return false;
        }
        for (ForStmt site : knob == 0 ? sites : List.of(sites.get(knob - 1))) {
            unrollNest(site);
        }
        return true;
    }

    /** An outermost constant loop whose nest unrolls into at most {@link #MAX_COPIES} copies. */
    private static boolean site(ForStmt loop) {
        return trips(loop).isPresent() && copies(loop) <= MAX_COPIES && safeBody(loop)
                && copies(loop) * loop.getBody().findAll(Statement.class).size() <= MAX_STATEMENTS
                && Loops.ancestor(loop, ForStmt.class).map(outer -> trips(outer).isEmpty()).orElse(true);
    }

    /** The values the variable of a constant loop takes, in order; empty when a bound or the step is not constant. */
    private static Optional<List<Long>> trips(ForStmt loop) {
        Optional<Loops.Counted> c = Loops.counted(loop);
        if (c.isEmpty()) {
            return Optional.empty();
        }
        OptionalLong start = constant(c.get().start());
        OptionalLong end = constant(c.get().end());
        OptionalLong step = constant(c.get().step());
        if (start.isEmpty() || end.isEmpty() || step.isEmpty() || step.getAsLong() <= 0) {
            return Optional.empty();
        }
        List<Long> values = new ArrayList<>();
        for (long v = start.getAsLong(); v < end.getAsLong(); v += step.getAsLong()) {
            if (values.size() == MAX_COPIES) {
                return Optional.empty();
            }
            values.add(v);
        }
        return values.isEmpty() ? Optional.empty() : Optional.of(values);
    }

    /** Copies of the innermost body the nest under {@code loop} makes: the product of its constant trip counts. */
    private static long copies(ForStmt loop) {
        long inner = 1;
        for (ForStmt nested : loop.getBody().findAll(ForStmt.class)) {
            if (trips(nested).isPresent() && Loops.ancestor(nested, ForStmt.class).orElseThrow() == loop) {
                inner = Math.max(inner, copies(nested));
            }
        }
        return trips(loop).orElseThrow().size() * inner;
    }

    private static boolean safeBody(ForStmt loop) {
        Node body = loop.getBody();
        return body.findAll(BreakStmt.class).isEmpty() && body.findAll(ContinueStmt.class).isEmpty()
                && body.findAll(ReturnStmt.class).isEmpty() && body.findAll(YieldStmt.class).isEmpty()
                && body.findAll(LabeledStmt.class).isEmpty();
    }

    /** Unrolls the constant loops nested in {@code loop}, innermost first, then {@code loop} itself. */
    private static void unrollNest(ForStmt loop) {
        for (ForStmt nested : loop.getBody().findAll(ForStmt.class)) {
            if (nested.getParentNode().isPresent() && trips(nested).isPresent() && safeBody(nested)
                    && nested.getBody().findAll(ForStmt.class).stream().noneMatch(f -> trips(f).isPresent())) {
                unrollNest(nested);
                unrollNest(loop);                       // the tree changed: start over from the site
                return;
            }
        }
        unroll(loop);
    }

    /** Replaces {@code loop} by its copies, each with the variable's value substituted and folded. */
    private static void unroll(ForStmt loop) {
        String var = Loops.counted(loop).orElseThrow().var();
        List<Statement> copies = new ArrayList<>();
        for (long value : trips(loop).orElseThrow()) {
            Statement body = loop.getBody().clone();
            for (NameExpr use : body.findAll(NameExpr.class)) {
                if (use.getNameAsString().equals(var)) {
                    use.replace(literal(value));
                }
            }
            fold(body);
            copies.add(body);
        }
        List<Statement> spliced = new ArrayList<>();
        for (Statement copy : copies) {
            if (copy instanceof BlockStmt b && b.getStatements().stream().noneMatch(UnrollConstantLoops::declares)) {
                spliced.addAll(b.getStatements());     // no local declared at the top: the statements need no block
            } else {
                spliced.add(copy);
            }
        }
        Node parent = loop.getParentNode().orElseThrow();
        if (parent instanceof BlockStmt block) {
            int at = block.getStatements().indexOf(loop);
            block.getStatements().remove(at);
            block.getStatements().addAll(at, spliced);
        } else {
            loop.replace(new BlockStmt(new NodeList<>(spliced)));
        }
    }

    /** Whether a statement declares a name in its block (a local variable or a local class). */
    private static boolean declares(Statement s) {
        return s instanceof LocalClassDeclarationStmt || s instanceof LocalRecordDeclarationStmt
                || s instanceof ExpressionStmt e && e.getExpression() instanceof VariableDeclarationExpr;
    }

    private static Expression literal(long value) {
        IntegerLiteralExpr abs = new IntegerLiteralExpr(Long.toString(Math.abs(value)));
        return value < 0 ? new EnclosedExpr(new UnaryExpr(abs, UnaryExpr.Operator.MINUS)) : abs;
    }

    /**
     * Folds the int arithmetic of constants under {@code node}, innermost first: sums, differences and products of
     * literals, {@code Math.abs} of one, and {@code x + -c} as {@code x - c}.
     */
    private static void fold(Node node) {
        for (Node child : new ArrayList<>(node.getChildNodes())) {
            fold(child);
        }
        if (!(node instanceof Expression e) || node.getParentNode().isEmpty()) {
            return;
        }
        OptionalLong value = constant(e);
        if (value.isPresent() && !(e instanceof IntegerLiteralExpr) && !(e instanceof UnaryExpr)
                && !(e instanceof EnclosedExpr en && en.getInner() instanceof UnaryExpr)) {
            e.replace(literal(value.getAsLong()));
            return;
        }
        if (e instanceof BinaryExpr b && (b.getOperator() == BinaryExpr.Operator.PLUS
                || b.getOperator() == BinaryExpr.Operator.MINUS)
                && b.getLeft().findAll(StringLiteralExpr.class).isEmpty()) {
            OptionalLong right = constant(b.getRight());
            if (right.isPresent() && right.getAsLong() < 0 && right.getAsLong() > Integer.MIN_VALUE) {
                // x + (-c) is x - c for every numeric x (IEEE subtraction adds the negation); a string is never left
                b.setOperator(b.getOperator() == BinaryExpr.Operator.PLUS ? BinaryExpr.Operator.MINUS : BinaryExpr.Operator.PLUS);
                b.setRight(new IntegerLiteralExpr(Long.toString(-right.getAsLong())));
            }
        }
    }

    /**
     * The value of an int expression built from literals with +, -, *, unary minus and Math.abs; empty otherwise,
     * and empty when any step leaves the int range (Java would wrap it).
     */
    static OptionalLong constant(Expression e) {
        OptionalLong v = unchecked(e);
        return v.isPresent() && (v.getAsLong() < Integer.MIN_VALUE || v.getAsLong() > Integer.MAX_VALUE) ? OptionalLong.empty() : v;
    }

    private static OptionalLong unchecked(Expression e) {
        if (e instanceof IntegerLiteralExpr l) {
            return l.asNumber() instanceof Integer i ? OptionalLong.of(i) : OptionalLong.empty();
        }
        if (e instanceof EnclosedExpr en) {
            return constant(en.getInner());
        }
        if (e instanceof UnaryExpr u && (u.getOperator() == UnaryExpr.Operator.MINUS || u.getOperator() == UnaryExpr.Operator.PLUS)) {
            OptionalLong v = constant(u.getExpression());
            return v.isEmpty() ? v : OptionalLong.of(u.getOperator() == UnaryExpr.Operator.MINUS ? -v.getAsLong() : v.getAsLong());
        }
        if (e instanceof MethodCallExpr call && Expressions.isMathCall(call) && call.getNameAsString().equals("abs")
                && call.getArguments().size() == 1) {
            OptionalLong v = constant(call.getArgument(0));
            return v.isEmpty() ? v : OptionalLong.of(Math.abs(v.getAsLong()));
        }
        if (e instanceof BinaryExpr b) {
            OptionalLong l = constant(b.getLeft());
            OptionalLong r = l.isEmpty() ? l : constant(b.getRight());
            if (r.isEmpty()) {
                return r;
            }
            long x = l.getAsLong();
            long y = r.getAsLong();
            return switch (b.getOperator()) {
                case PLUS -> OptionalLong.of(x + y);
                case MINUS -> OptionalLong.of(x - y);
                case MULTIPLY -> OptionalLong.of(x * y);
                default -> OptionalLong.empty();
            };
        }
        return OptionalLong.empty();
    }
}
