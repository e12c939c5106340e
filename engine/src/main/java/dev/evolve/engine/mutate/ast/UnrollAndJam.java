package dev.evolve.engine.mutate.ast;

import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.Statement;
import dev.evolve.engine.mutate.loops.Aliasing;
import dev.evolve.engine.mutate.loops.Dependences;
import dev.evolve.engine.mutate.loops.Loop;
import java.util.List;
import java.util.Set;

/**
 * Unroll-and-jam (register tiling over two loops): a loop of a perfect band, not the innermost, steps by
 * {@code factor}, and the innermost body holds one copy per step ({@code v}, {@code v + 1}, ...), so each
 * value loaded in the inner loops serves {@code factor} rows; a remainder loop finishes the last iterations.
 * Legal when moving the loop innermost keeps every dependence (the test's answer) and no loop inside it reads
 * its variable in a bound (the copies share those loops; the loops above may shape its own range, as a tile's).
 * Knob: 10 * factor + position.
 */
final class UnrollAndJam extends DependenceRewrite {

    UnrollAndJam(Aliasing aliasing) {
        super("unroll-jam", "unroll an outer loop of a perfect band and jam the copies into the innermost body; "
                + "knob = 10 * factor + position", ScheduleSites.knobs(List.of(2, 4, 8), 3), aliasing);
    }

    @Override
    boolean rewrite(BlockUnit unit, int knob) {
        int factor = knob / 10;
        int pos = knob % 10;
        ScheduleSites.Site site = ScheduleSites.deepest(unit, aliasing).orElse(null);
        if (site == null) {
            return false;
        }
        List<Loop> band = site.nest().longestBand();
        if (pos >= band.size() - 1) {
            return false;
        }
        Loop loop = band.get(pos);
        int[] order = new int[band.size()];
        for (int p = 0, q = 0; p < band.size(); p++) {
            if (p != pos) {
                order[q++] = p;
            }
        }
        order[band.size() - 1] = pos;
        if (loop.step() != 1 || !ScheduleSites.boundsFree(band.subList(pos + 1, band.size()), Set.of(loop.var()))
                || !Dependences.canPermute(site.deps(), band, order)) {
            return false;
        }
        String v = loop.var();
        ForStmt main = loop.node().clone();
        ForStmt innermost = ScheduleSites.down(main, band.size() - 1 - pos).orElseThrow();
        Statement body = innermost.getBody();
        BlockStmt jammed = new BlockStmt();
        for (int unroll = 0; unroll < factor; unroll++) {
            int u = unroll;
            Statement copy = body.clone();
            if (u > 0) {
                // one new name per old name: sibling loops may each declare k, and their uses must follow together
                java.util.Map<String, String> renamed = new java.util.LinkedHashMap<>();
                for (VariableDeclarator d : copy.findAll(VariableDeclarator.class)) {
                    renamed.computeIfAbsent(d.getNameAsString(), old -> unit.fresh(old + u));
                }
                Statement c = copy;
                renamed.forEach((old, name) -> {
                    c.findAll(NameExpr.class).stream().filter(n -> n.getNameAsString().equals(old))
                            .forEach(n -> n.setName(name));
                    c.findAll(VariableDeclarator.class).stream().filter(d -> d.getNameAsString().equals(old))
                            .forEach(d -> d.setName(name));
                });
                copy = Loops.substitute(copy, v, unit.expr(v + " + " + u));
            }
            if (copy instanceof BlockStmt b) {
                b.getStatements().forEach(s -> jammed.addStatement(s.clone()));
            } else {
                jammed.addStatement(copy);
            }
        }
        innermost.setBody(jammed);
        String start = ScheduleSites.paren(loop.start());
        String end = ScheduleSites.paren(loop.end());
        ForStmt header = (ForStmt) unit.stmt("for (int " + v + " = " + start + "; " + v + " < " + end + " - "
                + (factor - 1) + "; " + v + " += " + factor + ") {}");
        main.setCompare(header.getCompare().orElseThrow());
        main.setUpdate(header.getUpdate());
        ForStmt rest = loop.node().clone();
        ForStmt restHeader = (ForStmt) unit.stmt("for (int " + v + " = " + start + " + (" + end + " - " + start + ") / "
                + factor + " * " + factor + "; " + v + " < " + end + "; " + v + "++) {}");
        rest.setInitialization(restHeader.getInitialization());
        BlockStmt both = new BlockStmt();
        both.addStatement(main);
        both.addStatement(rest);
        loop.node().replace(both);
        return true;
    }
}
