package dev.evolve.engine.mutate.loops;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.SwitchExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.EmptyStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds one {@link LoopNest} for {@link LoopNests}: walks a counted loop's nest, models each loop's bounds and step,
 * and records every array and scalar access and reduction; anything it does not understand ends the walk with no
 * nest. One per nest: it keeps the names it has seen.
 */
final class NestBuilder {

    final MethodDeclaration method;
    final Map<String, String> roots;
    final List<Access> accesses = new ArrayList<>();
    final List<Reduction> reductions = new ArrayList<>();
    final Map<String, Integer> declaredAt = new HashMap<>();
    final Map<String, Expression> inlinable = new HashMap<>();
    final Set<String> writtenScalars = new HashSet<>();
    Loop root;

    NestBuilder(MethodDeclaration method, Map<String, String> roots) {
        this.method = method;
        this.roots = roots;
    }

    Optional<NestBuilder> build(ForStmt top) {
        scanNames(top);
        root = loop(top, null);
        if (root == null || !walk(top.getBody(), root)) {
            return Optional.empty();
        }
        root.enclosingFacts(ParameterFacts.around(top));
        return Optional.of(this);
    }

    /** Scalars written in the nest, and int locals defined once in it (their polynomial can stand in). */
    void scanNames(ForStmt top) {
        Map<String, Integer> defs = new HashMap<>();
        for (VariableDeclarator d : top.findAll(VariableDeclarator.class)) {
            defs.merge(d.getNameAsString(), 1, Integer::sum);
        }
        for (AssignExpr a : top.findAll(AssignExpr.class)) {
            if (a.getTarget() instanceof NameExpr n) {
                writtenScalars.add(n.getNameAsString());
                defs.merge(n.getNameAsString(), 2, Integer::sum);
            }
        }
        for (UnaryExpr u : top.findAll(UnaryExpr.class)) {
            if (u.getExpression() instanceof NameExpr n && LoopNests.changes(u.getOperator())) {
                writtenScalars.add(n.getNameAsString());
                defs.merge(n.getNameAsString(), 2, Integer::sum);
            }
        }
        for (VariableDeclarator d : top.findAll(VariableDeclarator.class)) {
            String name = d.getNameAsString();
            if (defs.get(name) == 1 && d.getType().asString().equals("int") && d.getInitializer().isPresent()
                    && !(d.getParentNode().orElse(null) instanceof VariableDeclarationExpr v
                    && v.getParentNode().orElse(null) instanceof ForStmt)) {
                inlinable.put(name, d.getInitializer().get());
            }
        }
    }

    Optional<Poly> poly(Expression e, Set<String> loopVars, int guard) {
        if (guard > 8) {
            return Optional.empty();
        }
        return Poly.of(e, name -> {
            if (loopVars.contains(name)) {
                return Optional.of(Poly.name(name));
            }
            if (inlinable.containsKey(name)) {
                return poly(inlinable.get(name), loopVars, guard + 1);
            }
            if (writtenScalars.contains(name) || declaredAt.containsKey(name) || roots.containsKey(name)) {
                return Optional.empty();
            }
            return Optional.of(Poly.name(name));
        });
    }

    Loop loop(ForStmt f, Loop parent) {
        if (f.getInitialization().size() != 1 || f.getUpdate().size() != 1 || f.getCompare().isEmpty()
                || !(f.getInitialization().get(0) instanceof VariableDeclarationExpr init)
                || init.getVariables().size() != 1 || !init.getVariable(0).getType().asString().equals("int")
                || init.getVariable(0).getInitializer().isEmpty()) {
            return null;
        }
        String var = init.getVariable(0).getNameAsString();
        // an inclusive test (var <= e) is modelled as var < e + 1
        if (!(f.getCompare().get() instanceof BinaryExpr cmp) || Bounds.exclusiveEnd(cmp, var).isEmpty()) {
            return null;
        }
        long step;
        Expression update = f.getUpdate().get(0);
        if (update instanceof UnaryExpr u && u.getExpression() instanceof NameExpr n && n.getNameAsString().equals(var)
                && (u.getOperator() == UnaryExpr.Operator.POSTFIX_INCREMENT
                || u.getOperator() == UnaryExpr.Operator.PREFIX_INCREMENT)) {
            step = 1;
        } else if (update instanceof AssignExpr a && a.getOperator() == AssignExpr.Operator.PLUS
                && a.getTarget() instanceof NameExpr n && n.getNameAsString().equals(var)
                && a.getValue() instanceof IntegerLiteralExpr lit && lit.asNumber().longValue() > 0) {
            step = lit.asNumber().longValue();
        } else {
            return null;
        }
        // the variable and the bounds must not change in the body: the trip count is known up front
        Set<String> changed = new HashSet<>();
        f.getBody().findAll(AssignExpr.class).forEach(a -> {
            if (a.getTarget() instanceof NameExpr n) changed.add(n.getNameAsString());
        });
        f.getBody().findAll(UnaryExpr.class).forEach(u -> {
            if (u.getExpression() instanceof NameExpr n && LoopNests.changes(u.getOperator())) changed.add(n.getNameAsString());
        });
        Expression start = init.getVariable(0).getInitializer().get();
        Expression bound = cmp.getRight();
        Expression end = Bounds.exclusiveEnd(cmp, var).orElseThrow();
        if (changed.contains(var) || LoopNests.names(bound).stream().anyMatch(changed::contains)
                || LoopNests.names(start).stream().anyMatch(changed::contains)
                || !expressionOk(start) || !expressionOk(bound)) {
            return null;
        }
        Loop loop = new Loop(f, var, start, end, step, parent);
        Set<String> outer = new HashSet<>();
        loop.path().forEach(x -> outer.add(x.var()));
        outer.remove(var);
        List<Poly> uppers = new ArrayList<>();
        Poly past = Poly.constant(Bounds.inclusive(cmp) ? 1 : 0);
        if (bound instanceof MethodCallExpr min && min.getNameAsString().equals("min")
                && min.getScope().filter(s -> s.toString().equals("Math")).isPresent()) {
            min.getArguments().forEach(arg -> poly(arg, outer, 0).map(p -> p.plus(past)).ifPresent(uppers::add));
        } else {
            poly(bound, outer, 0).map(p -> p.plus(past)).ifPresent(uppers::add);
        }
        loop.bounds(poly(start, outer, 0).orElse(null), uppers);
        collect(start, loop.parent().orElse(null));
        collect(bound, loop.parent().orElse(null));
        return loop;
    }

    boolean walk(Statement s, Loop in) {
        if (s instanceof BlockStmt b) {
            for (Statement x : b.getStatements()) {
                if (!walk(x, in)) {
                    return false;
                }
            }
            return true;
        }
        if (s instanceof EmptyStmt) {
            return true;
        }
        if (s instanceof ExpressionStmt e) {
            if (!expressionOk(e.getExpression())) {
                return false;
            }
            if (e.getExpression() instanceof VariableDeclarationExpr v) {
                if (v.getElementType().isArrayType() || v.getVariables().stream().anyMatch(d -> d.getType().isArrayType())) {
                    return false;
                }
                v.getVariables().forEach(d -> declaredAt.put(d.getNameAsString(), in.depth() + 1));
            }
            collect(e.getExpression(), in);
            return true;
        }
        if (s instanceof IfStmt i) {
            if (!expressionOk(i.getCondition())) {
                return false;
            }
            collect(i.getCondition(), in);
            return walk(i.getThenStmt(), in) && (i.getElseStmt().isEmpty() || walk(i.getElseStmt().get(), in));
        }
        if (s instanceof ForStmt f) {
            Loop inner = loop(f, in);
            return inner != null && walk(f.getBody(), inner);
        }
        return false;
    }

    /** No lambdas, object creation, calls other than Math's, writes to fields, or re-pointed arrays. */
    boolean expressionOk(Expression e) {
        if (!e.findAll(LambdaExpr.class).isEmpty() || !e.findAll(ObjectCreationExpr.class).isEmpty()
                || !e.findAll(ArrayCreationExpr.class).isEmpty() || !e.findAll(SwitchExpr.class).isEmpty()
                || !e.findAll(MethodReferenceExpr.class).isEmpty()) {
            return false;
        }
        for (MethodCallExpr call : e.findAll(MethodCallExpr.class)) {
            if (call.getScope().filter(s -> s.toString().equals("Math")).isEmpty()) {
                return false;
            }
        }
        for (AssignExpr a : e.findAll(AssignExpr.class)) {
            Expression t = a.getTarget();
            if (!(t instanceof NameExpr || t instanceof ArrayAccessExpr)
                    || (t instanceof NameExpr n && roots.containsKey(n.getNameAsString()))) {
                return false;
            }
        }
        for (UnaryExpr u : e.findAll(UnaryExpr.class)) {
            if (LoopNests.changes(u.getOperator()) && !(u.getExpression() instanceof NameExpr
                    || u.getExpression() instanceof ArrayAccessExpr)) {
                return false;
            }
        }
        return true;
    }

    /** Records the accesses of an expression evaluated in loop {@code in} (null: before the nest). */
    void collect(Expression e, Loop in) {
        List<Loop> loops = in == null ? List.of() : in.path();
        Set<String> loopVars = new HashSet<>();
        loops.forEach(l -> loopVars.add(l.var()));
        List<Node> nodes = new ArrayList<>();
        e.walk(Node.TreeTraversal.PREORDER, nodes::add);
        for (Node n : nodes) {
            if (n instanceof ArrayAccessExpr a && !(a.getParentNode().orElse(null) instanceof ArrayAccessExpr p
                    && p.getName() == a)) {
                arrayAccess(a, loops, loopVars, in);
            } else if (n instanceof NameExpr name && writtenScalars.contains(name.getNameAsString())
                    && !loopVars.contains(name.getNameAsString()) && !roots.containsKey(name.getNameAsString())) {
                boolean write = LoopNests.isWritten(name);
                int depth = declaredAt.getOrDefault(name.getNameAsString(), 0);
                if (!write || LoopNests.compound(name)) {
                    accesses.add(new Access(name.getNameAsString(), true, List.of(), false, loops, depth, name,
                            accesses.size()));
                }
                if (write) {
                    accesses.add(new Access(name.getNameAsString(), true, List.of(), true, loops, depth, name,
                            accesses.size()));
                    if (LoopNests.compound(name) && in != null) {
                        reductions.add(new Reduction(name.getNameAsString(), true, in));
                    }
                }
            }
        }
        if (e instanceof VariableDeclarationExpr v) {
            for (VariableDeclarator d : v.getVariables()) {
                if (d.getInitializer().isPresent() && writtenScalars.contains(d.getNameAsString())) {
                    accesses.add(new Access(d.getNameAsString(), true, List.of(), true, loops,
                            in == null ? 0 : in.depth() + 1, d, accesses.size()));
                }
            }
        }
    }

    void arrayAccess(ArrayAccessExpr a, List<Loop> loops, Set<String> loopVars, Loop in) {
        List<Optional<Poly>> subscripts = new ArrayList<>();
        Expression base = a;
        while (base instanceof ArrayAccessExpr x) {
            subscripts.addFirst(poly(x.getIndex(), loopVars, 0));
            base = x.getName();
        }
        String root = base instanceof NameExpr n ? roots.getOrDefault(n.getNameAsString(), "?" + n) : "?" + base;
        boolean write = LoopNests.isWritten(a);
        if (!write || LoopNests.compound(a)) {
            accesses.add(new Access(root, false, subscripts, false, loops, 0, a, accesses.size()));
        }
        if (write) {
            accesses.add(new Access(root, false, subscripts, true, loops, 0, a, accesses.size()));
            if (LoopNests.compound(a) && in != null && subscripts.stream().allMatch(
                    s -> s.isPresent() && !s.get().mentions(in.var()))) {
                reductions.add(new Reduction(root, false, in));
            }
        }
    }
}
