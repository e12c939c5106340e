package dev.evolve.engine.mutate.ast;

import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.type.ArrayType;
import dev.evolve.engine.mutate.loops.Access;
import dev.evolve.engine.mutate.loops.Aliasing;
import dev.evolve.engine.mutate.loops.Loop;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Scalar replacement (register promotion): an array element written in a loop at an index the loop and the loops
 * inside it never move becomes a local for the loop's whole run, loaded before and stored after it:
 * <pre>{@code
 * for (k) { c[i * n + j] += a[i * n + k] * b[k * n + j]; }
 *   ->  if (0 < n) { double c1 = c[i * n + j]; for (k) { c1 += a[i * n + k] * b[k * n + j]; } c[i * n + j] = c1; }
 * }</pre>
 * The loop then reduces into a scalar, which the vectorizer privatizes in vector accumulators. Legal when every
 * other access in the loop to storage that may be the same (by {@link Aliasing}) is the very same element (same
 * subscript polynomial) or, in the same array, one a constant away (never the same element): then nothing else
 * reads or writes it meanwhile. The guard keeps a loop that runs no
 * iteration from touching the element at all (it may be out of bounds, or another thread's). The element is
 * promoted at the outermost loop where its index is invariant. Knob: which such element, in source order (0-2),
 * or {@value #EVERY}: every one, in turn.
 */
final class ScalarReplacement extends DependenceRewrite {

    ScalarReplacement(Aliasing aliasing) {
        super("scalar-replace", "keep an array element a loop updates at a fixed index in a local; knob = site",
                List.of(0, 1, 2, EVERY), aliasing);
    }

    /** The knob that promotes every such element, one after another (a jammed body's accumulators at once). */
    static final int EVERY = 9;

    /** At most this many promotions for {@link #EVERY}. */
    private static final int MAX_PROMOTIONS = 16;

    private record Candidate(Loop loop, Loops.Counted counted, Access write, List<ArrayAccessExpr> uses, String type) {
    }

    @Override
    boolean rewrite(BlockUnit unit, int knob) {
        if (knob != EVERY) {
            return promote(unit, knob);
        }
        int done = 0;
        while (done < MAX_PROMOTIONS && promote(unit, 0)) {
            done++;
        }
        return done > 0;
    }

    /** Promotes the element of site {@code index}; false when there is no such site. */
    private boolean promote(BlockUnit unit, int index) {
        List<Candidate> found = new ArrayList<>();
        for (ScheduleSites.Site site : ScheduleSites.of(unit, aliasing)) {
            Set<String> seen = new HashSet<>();
            for (Access a : site.nest().accesses()) {
                if (a.write() && !a.scalar()) {
                    candidate(site, a).filter(c -> seen.add(c.loop().var() + "/" + c.write().subscripts()))
                            .ifPresent(found::add);
                }
            }
        }
        if (index >= found.size()) {
            return false;
        }
        Candidate c = found.get(index);
        ArrayAccessExpr element = (ArrayAccessExpr) c.write().node();
        String local = unit.fresh(Expressions.arrayName(element) + "Elem");
        String load = c.type() + " " + local + " = " + element + ";";
        String store = element + " = " + local + ";";
        for (ArrayAccessExpr use : c.uses()) {
            use.replace(new NameExpr(local));
        }
        ForStmt loop = c.loop().node();
        BlockStmt guarded = new BlockStmt();
        guarded.addStatement(unit.stmt(load));
        ForStmt moved = loop.clone();
        guarded.addStatement(moved);
        guarded.addStatement(unit.stmt(store));
        loop.replace(new com.github.javaparser.ast.stmt.IfStmt(unit.expr(ScheduleSites.paren(c.counted().start())
                + " < " + ScheduleSites.paren(c.counted().end())), guarded, null));
        return true;
    }

    private static boolean differByConstant(dev.evolve.engine.mutate.loops.Poly a, dev.evolve.engine.mutate.loops.Poly b) {
        dev.evolve.engine.mutate.loops.Poly diff = a.minus(b);
        return diff.isConstant() && diff.constantTerm() != 0;
    }

    private Optional<Candidate> candidate(ScheduleSites.Site site, Access write) {
        if (!write.affine() || write.subscripts().size() != 1 || !(write.node() instanceof ArrayAccessExpr element)
                || !(element.getName() instanceof NameExpr array)) {
            return Optional.empty();
        }
        Optional<String> type = Expressions.declaredType(array.getNameAsString(), element)
                .filter(t -> t instanceof ArrayType at && at.getArrayLevel() == 1 && at.getComponentType().isPrimitiveType())
                .map(t -> ((ArrayType) t).getComponentType().asString());
        if (type.isEmpty()) {
            return Optional.empty();
        }
        // the outermost loop in which neither it nor a loop inside moves the index
        Loop at = null;
        for (int d = write.loops().size() - 1; d >= 0; d--) {
            Loop l = write.loops().get(d);
            if (write.subscripts().getFirst().get().mentions(l.var())) {
                break;
            }
            at = l;
        }
        if (at == null) {
            return Optional.empty();
        }
        Loop loop = at;
        Optional<Loops.Counted> counted = Loops.counted(loop.node());
        Set<String> changed = Expressions.assigned(loop.node());
        if (counted.isEmpty() || !Expressions.pure(counted.get().start()) || !Expressions.pure(counted.get().end())
                || Expressions.names(element.getIndex()).stream().anyMatch(changed::contains)) {
            return Optional.empty();
        }
        List<ArrayAccessExpr> uses = new ArrayList<>();
        for (Access other : site.nest().accesses()) {
            if (other.scalar() || !other.loops().contains(loop)
                    || !aliasing.mayAlias(other.root(), write.root(), site.nest().fresh())) {
                continue;
            }
            if (other.root().equals(write.root()) && other.affine() && other.subscripts().size() == 1
                    && differByConstant(other.subscripts().getFirst().get(), write.subscripts().getFirst().get())) {
                continue;                              // another element, never this one (a jammed neighbour)
            }
            if (!other.subscripts().equals(write.subscripts()) || !(other.node() instanceof ArrayAccessExpr use)
                    || !(use.getName() instanceof NameExpr n) || !n.getNameAsString().equals(array.getNameAsString())) {
                return Optional.empty();               // another element, or the same one under another name
            }
            // by identity: JavaParser nodes are equal when they read alike, and out[i] += a; out[i] += b; are two uses
            if (uses.stream().noneMatch(u -> u == use)) {
                uses.add(use);
            }
        }
        return Optional.of(new Candidate(loop, counted.get(), write, uses, type.get()));
    }
}
