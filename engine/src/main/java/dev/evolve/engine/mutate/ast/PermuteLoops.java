package dev.evolve.engine.mutate.ast;

import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.stmt.ForStmt;
import dev.evolve.engine.mutate.loops.Aliasing;
import dev.evolve.engine.mutate.loops.Dependences;
import dev.evolve.engine.mutate.loops.Loop;
import java.util.ArrayList;
import java.util.List;

/**
 * Reorders the loops of a perfect band (any depth up to 4) when the dependence test proves the new order keeps
 * every dependence and each loop's bounds still read only loops outside it (a tile's point loop stays below its
 * tile loop). Knob: 100 * band + permutation, where band counts the modelled nests' longest
 * perfect bands of two loops or more in source order, and permutation indexes the band's non-identity orders
 * in lexicographic order (0 swaps the two innermost loops).
 */
final class PermuteLoops extends DependenceRewrite {

    static final int MAX_DEPTH = 4;
    PermuteLoops(Aliasing aliasing) {
        super("permute", "reorder a perfect loop band when dependences allow; knob = 100 * band + permutation",
                knobValues(), aliasing);
    }

    private static List<Integer> knobValues() {
        List<Integer> out = new ArrayList<>();
        for (int band = 0; band < 2; band++) {
            for (int p = 0; p < 23; p++) {
                out.add(100 * band + p);
            }
        }
        return out;
    }

    @Override
    boolean rewrite(BlockUnit unit, int knob) {
        List<ScheduleSites.Site> bands = ScheduleSites.of(unit, aliasing).stream()
                .filter(s -> s.nest().longestBand().size() >= 2).toList();
        if (knob / 100 >= bands.size()) {
            return false;
        }
        ScheduleSites.Site site = bands.get(knob / 100);
        List<Loop> band = site.nest().longestBand();
        if (band.size() > MAX_DEPTH) {
            band = band.subList(band.size() - MAX_DEPTH, band.size());
        }
        List<int[]> orders = permutations(band.size());
        int index = knob % 100 + 1;                     // 0 is the identity
        if (index >= orders.size()) {
            return false;
        }
        int[] order = orders.get(index);
        if (!ScheduleSites.boundsFollow(band, order) || !Dependences.canPermute(site.deps(), band, order)) {
            return false;
        }
        List<NodeList<Expression>> inits = new ArrayList<>();
        List<Expression> compares = new ArrayList<>();
        List<NodeList<Expression>> updates = new ArrayList<>();
        for (Loop l : band) {
            ForStmt f = l.node();
            inits.add(copy(f.getInitialization()));
            compares.add(f.getCompare().orElseThrow().clone());
            updates.add(copy(f.getUpdate()));
        }
        for (int p = 0; p < band.size(); p++) {
            ForStmt f = band.get(p).node();
            f.setInitialization(inits.get(order[p]));
            f.setCompare(compares.get(order[p]));
            f.setUpdate(updates.get(order[p]));
        }
        return true;
    }

    private static NodeList<Expression> copy(NodeList<Expression> list) {
        NodeList<Expression> out = new NodeList<>();
        list.forEach(e -> out.add(e.clone()));
        return out;
    }

    /** Every order of 0..n-1, lexicographic (the identity first). */
    static List<int[]> permutations(int n) {
        List<int[]> out = new ArrayList<>();
        permute(new int[n], new boolean[n], 0, out);
        return out;
    }

    private static void permute(int[] cur, boolean[] used, int at, List<int[]> out) {
        if (at == cur.length) {
            out.add(cur.clone());
            return;
        }
        for (int v = 0; v < cur.length; v++) {
            if (!used[v]) {
                used[v] = true;
                cur[at] = v;
                permute(cur, used, at + 1, out);
                used[v] = false;
            }
        }
    }
}
