package dev.evolve.engine.mutate.ast;

import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.Statement;
import dev.evolve.engine.mutate.loops.Aliasing;
import dev.evolve.engine.mutate.loops.Dependence;
import dev.evolve.engine.mutate.loops.Dependences;
import dev.evolve.engine.mutate.loops.Loop;
import dev.evolve.engine.mutate.loops.LoopNest;
import dev.evolve.engine.mutate.loops.LoopNests;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where the schedule rewrites may act: the modelled nests of a block with their dependences, and the small
 * AST helpers they share. Legality always comes from {@link Dependences}, never from a target's name.
 */
final class ScheduleSites {

    /** A modelled nest and its dependences. */
    record Site(LoopNest nest, List<Dependence> deps) {
    }

    private ScheduleSites() {
    }

    /** The modelled nests of every method of the block, in source order. */
    static List<Site> of(BlockUnit unit, Aliasing aliasing) {
        List<Site> out = new ArrayList<>();
        for (MethodDeclaration m : unit.members().getMethods()) {
            for (LoopNest nest : LoopNests.of(m)) {
                out.add(new Site(nest, Dependences.of(nest, aliasing)));
            }
        }
        return out;
    }

    /** Whether the source's evolve block holds at least one modelled nest: the schedule rewrites have a place. */
    static boolean hasNest(String source) {
        return dev.evolve.kernels.EvolveBlock.of(source).flatMap(b -> BlockUnit.parse(source, b))
                .map(u -> !of(u, Aliasing.DISTINCT_PARAMETERS).isEmpty()).orElse(false);
    }

    /** Whether no loop of the band has a bound that reads another band loop's variable (a rectangular band). */
    static boolean rectangular(List<Loop> band) {
        return boundsFree(band, vars(band));
    }

    /**
     * Whether the band's loops, run in {@code order} (position p runs {@code band.get(order[p])}), each read in
     * their bounds only band variables of loops still outside them: the same iterations in another order (a
     * rectangular band in any order; a tile's point loop anywhere below its tile loop).
     */
    static boolean boundsFollow(List<Loop> band, int[] order) {
        Set<String> inside = vars(band);
        for (int p : order) {
            Loop l = band.get(p);
            inside.remove(l.var());
            if (!boundsFree(List.of(l), inside)) {
                return false;
            }
        }
        return true;
    }

    /** The loop variables of {@code loops}. */
    static Set<String> vars(List<Loop> loops) {
        Set<String> vars = new HashSet<>();
        loops.forEach(l -> vars.add(l.var()));
        return vars;
    }

    /** Whether no loop of {@code loops} names one of {@code vars} in its start or end. */
    static boolean boundsFree(List<Loop> loops, Set<String> vars) {
        for (Loop l : loops) {
            Set<String> used = new HashSet<>();
            l.start().findAll(NameExpr.class).forEach(n -> used.add(n.getNameAsString()));
            l.end().findAll(NameExpr.class).forEach(n -> used.add(n.getNameAsString()));
            if (l.start() instanceof NameExpr n) used.add(n.getNameAsString());
            if (l.end() instanceof NameExpr n) used.add(n.getNameAsString());
            if (used.stream().anyMatch(vars::contains)) {
                return false;
            }
        }
        return true;
    }

    /** The loop of a band {@code steps} levels below {@code top}, following single-statement bodies. */
    static Optional<ForStmt> down(ForStmt top, int steps) {
        ForStmt at = top;
        for (int i = 0; i < steps; i++) {
            Statement body = at.getBody();
            Statement only = body instanceof BlockStmt b ? (b.getStatements().size() == 1 ? b.getStatement(0) : null) : body;
            if (!(only instanceof ForStmt next)) {
                return Optional.empty();
            }
            at = next;
        }
        return Optional.of(at);
    }

    /** Parenthesised unless a plain name or literal. */
    static String paren(com.github.javaparser.ast.expr.Expression e) {
        String s = e.toString();
        return e instanceof NameExpr || e instanceof com.github.javaparser.ast.expr.IntegerLiteralExpr ? s : "(" + s + ")";
    }

    /** The site whose nest has the longest band (the one the band rewrites work on), if any. */
    static Optional<Site> deepest(BlockUnit unit, Aliasing aliasing) {
        return of(unit, aliasing).stream().max(java.util.Comparator.comparingInt(s -> s.nest().longestBand().size()));
    }

    /** Knob values {@code 10 * value + position} for every value and every position below {@code positions}. */
    static List<Integer> knobs(List<Integer> values, int positions) {
        List<Integer> out = new java.util.ArrayList<>();
        for (int v : values) {
            for (int pos = 0; pos < positions; pos++) {
                out.add(10 * v + pos);
            }
        }
        return List.copyOf(out);
    }
}
