package dev.evolve.engine.mutate.loops;

import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.stmt.ForStmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One counted loop of a nest, {@code for (int var = start; var < end; var += step)} with a positive literal step.
 * {@code lower} and {@code uppers} are the polynomial bounds known for the variable: {@code start}, and
 * {@code end} (or each argument of a {@code Math.min(...)} end), exclusive. A loop written {@code var <= e} has
 * {@code end} = {@code e + 1} (a detached expression, see {@link Bounds}) and uppers one past {@code e}'s.
 */
public final class Loop {

    private final ForStmt node;
    private final String var;
    private final Expression start;
    private final Expression end;
    private final long step;
    private final Loop parent;
    private final int depth;
    private final List<Loop> children = new ArrayList<>();
    private Poly lower;
    private List<Poly> uppers = List.of();
    private Map<String, Long> enclosingFacts = Map.of();

    Loop(ForStmt node, String var, Expression start, Expression end, long step, Loop parent) {
        this.node = node;
        this.var = var;
        this.start = start;
        this.end = end;
        this.step = step;
        this.parent = parent;
        this.depth = parent == null ? 0 : parent.depth + 1;
        if (parent != null) {
            parent.children.add(this);
        }
    }

    /** Lower bounds of names that hold around the nest (a parallel stream's task variable); set on its root. */
    void enclosingFacts(Map<String, Long> facts) {
        this.enclosingFacts = Map.copyOf(facts);
    }

    /** The lower bounds of names that hold around this loop's nest, from {@link ParameterFacts#around}. */
    Map<String, Long> enclosingFacts() {
        return parent == null ? enclosingFacts : parent.enclosingFacts();
    }

    void bounds(Poly lower, List<Poly> uppers) {
        this.lower = lower;
        this.uppers = List.copyOf(uppers);
    }

    public ForStmt node() { return node; }

    public String var() { return var; }

    public Expression start() { return start; }

    public Expression end() { return end; }

    public long step() { return step; }

    /** The enclosing loop of the nest, or empty for the nest's outermost loop. */
    public Optional<Loop> parent() { return Optional.ofNullable(parent); }

    /** 0 for the outermost loop of the nest. */
    public int depth() { return depth; }

    /** Loops directly inside this one's body (not inside other loops), in source order. */
    public List<Loop> children() { return List.copyOf(children); }

    public Optional<Poly> lower() { return Optional.ofNullable(lower); }

    public List<Poly> uppers() { return uppers; }

    /** This loop and its enclosing loops, outermost first. */
    public List<Loop> path() {
        List<Loop> out = new ArrayList<>();
        for (Loop l = this; l != null; l = l.parent) {
            out.addFirst(l);
        }
        return out;
    }

    /**
     * The perfect band that starts here: this loop, then while a loop's body is nothing but one loop, that loop.
     */
    public List<Loop> band() {
        List<Loop> out = new ArrayList<>(List.of(this));
        Loop l = this;
        while (l.children.size() == 1 && LoopNests.onlyStatement(l.node.getBody()).orElse(null) == l.children.getFirst().node) {
            l = l.children.getFirst();
            out.add(l);
        }
        return out;
    }

    @Override
    public String toString() {
        return var;
    }
}
