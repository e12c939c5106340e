package dev.evolve.engine.mutate.ast;

import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The code of a {@link VectorRegisterTile}: bounds evaluated once, full R-row tiles over whole column chunks of
 * V vectors (sequential, or the row blocks as a parallel stream), the rows left over as one-row tiles, and the
 * columns left over in the original loops, whose column loop then starts where the chunks end.
 *
 * <pre>{@code
 * for (i = iLo; i < iEnd; i += R) for (j = jLo; j < jEnd; j += V * lanes) {
 *     acc[r][v] = init;  for (k = kLo; k < kHi; k++) { acc[r][v] = x(i + r, k).fma(y(k, j + v * lanes), acc[r][v]); }
 *     W[i + r, j + v * lanes] = stored(acc[r][v]);
 * }
 * }</pre>
 */
final class VectorTileKernel {

    private VectorTileKernel() {
    }

    /** Replaces the tile's band with its vector code; false (nothing changed) when an expression has no vector form. */
    static boolean emit(BlockUnit unit, VectorRegisterTile.Tile t, int rows, int vectors, boolean parallel) {
        String species = unit.species(t.lanes().boxed(), t.lanes().vector());
        String lanes = unit.fresh("lanes");
        String i = t.row() == null ? null : t.row().var();
        String j = t.col().var();
        String k = t.red().var();
        Set<String> varying = new java.util.HashSet<>(Set.of(j, t.scalar()));
        t.reduction().forEach(l -> varying.add(l.var()));
        if (i != null) {
            varying.add(i);
        }
        VectorTileCode code = new VectorTileCode(unit, t.target(), t.lanes(), species, i, j, lanes, varying);
        t.locals().forEach(st -> st.findAll(com.github.javaparser.ast.body.VariableDeclarator.class)
                .forEach(d -> code.stepLocals.add(d.getNameAsString())));
        String jLo = unit.fresh(j + "Lo");
        String jHi = unit.fresh(j + "Hi");
        String jEnd = unit.fresh(j + "End");
        String kLo = unit.fresh(k + "Lo");
        String kHi = unit.fresh(k + "Hi");
        String colStep = unit.fresh("colStep");
        int r = i == null ? 1 : rows;
        Optional<String> full = tile(unit, code, t, r, vectors, kLo, kHi);
        Optional<String> single = full.isEmpty() || i == null ? full : tile(unit, code, t, 1, vectors, kLo, kHi);
        if (single.isEmpty()) {
            return false;
        }
        StringBuilder s = new StringBuilder("{\n");
        s.append("int ").append(lanes).append(" = ").append(species).append(".length();\n");
        String iLo = i == null ? null : unit.fresh(i + "Lo");
        String iHi = i == null ? null : unit.fresh(i + "Hi");
        String iEnd = i == null ? null : unit.fresh(i + "End");
        if (i != null) {
            s.append("int ").append(iLo).append(" = ").append(t.row().start()).append(";\n");
            s.append("int ").append(iHi).append(" = Math.max(").append(iLo).append(", ").append(t.row().end()).append(");\n");
        }
        s.append("int ").append(jLo).append(" = ").append(t.col().start()).append(";\n");
        s.append("int ").append(jHi).append(" = Math.max(").append(jLo).append(", ").append(t.col().end()).append(");\n");
        if (t.guard()) {
            s.append("int ").append(kLo).append(" = ").append(t.red().start()).append(";\n");
            s.append("int ").append(kHi).append(" = ").append(t.red().end()).append(";\n");
        }
        s.append("int ").append(colStep).append(" = ").append(vectors).append(" * ").append(lanes).append(";\n");
        if (i != null) {
            s.append("int ").append(iEnd).append(" = ").append(iLo).append(" + (").append(iHi).append(" - ").append(iLo)
                    .append(") / ").append(rows).append(" * ").append(rows).append(";\n");
        }
        s.append("int ").append(jEnd).append(" = ").append(jLo).append(" + (").append(jHi).append(" - ").append(jLo)
                .append(") / ").append(colStep).append(" * ").append(colStep).append(";\n");
        // broadcast invariants: a vector a lambda captures is a boxed object that C2 does not unbox across the k loop
        // (thousands of times slower), so the parallel tiles declare theirs inside the lambda and the leftover rows
        String invariants = String.join("\n", code.invariants.declarations) + "\n";
        boolean inside = parallel && i != null;
        if (!inside) {
            s.append(invariants);
        }
        // the accumulated form touches W only when k runs: without iterations, no element is read or written
        s.append(t.guard() ? "if (" + kLo + " < " + kHi + ") {\n" : "{\n");
        String columns = "for (int " + j + " = " + jLo + "; " + j + " < " + jEnd + "; " + j + " += " + colStep + ") ";
        if (i == null) {
            s.append(columns).append(full.get()).append('\n');
        } else if (parallel) {
            String block = unit.fresh(i + "Block");
            s.append(unit.intStream()).append(".range(0, (").append(iEnd).append(" - ").append(iLo).append(") / ")
                    .append(rows).append(").parallel().forEach(").append(block).append(" -> {\n");
            s.append("int ").append(i).append(" = ").append(iLo).append(" + ").append(block).append(" * ").append(rows).append(";\n");
            s.append(invariants).append(columns).append(full.get()).append("\n});\n");
        } else {
            s.append("for (int ").append(i).append(" = ").append(iLo).append("; ").append(i).append(" < ").append(iEnd)
                    .append("; ").append(i).append(" += ").append(rows).append(") {\n").append(columns).append(full.get())
                    .append("\n}\n");
        }
        if (i != null) {
            s.append("for (int ").append(i).append(" = ").append(iEnd).append("; ").append(i).append(" < ").append(iHi)
                    .append("; ").append(i).append("++) {\n").append(inside ? invariants : "").append(columns).append(single.get()).append("\n}\n");
        }
        s.append("}\n}");
        Statement vector = unit.stmt(s.toString());
        // the columns left over: the original band, its column loop starting at jEnd
        ForStmt rest = t.top().node().clone();
        ForStmt col = ScheduleSites.down(rest, t.col().depth() - t.top().depth()).orElseThrow();
        ((VariableDeclarationExpr) col.getInitialization().get(0)).getVariable(0).setInitializer(new NameExpr(jEnd));
        com.github.javaparser.ast.stmt.BlockStmt both = (com.github.javaparser.ast.stmt.BlockStmt) vector;
        both.addStatement(rest);
        t.top().node().replace(both);
        return true;
    }

    /** One tile of {@code rows} x {@code vectors} accumulators, as a block; empty when something has no vector form. */
    private static Optional<String> tile(BlockUnit unit, VectorTileCode code, VectorRegisterTile.Tile t, int rows,
                                         int vectors, String kLo, String kHi) {
        VectorTileCode.Scope before = new VectorTileCode.Scope();
        VectorTileCode.Scope step = new VectorTileCode.Scope();
        VectorTileCode.Scope after = new VectorTileCode.Scope();
        String[][] acc = new String[rows][vectors];
        List<String> init = new ArrayList<>();
        List<String> update = new ArrayList<>();
        List<String> store = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            for (int v = 0; v < vectors; v++) {
                acc[r][v] = unit.fresh(t.scalar() + "Acc" + r + v);
                Optional<String> x = code.vector(t.init(), r, v, Map.of(), before);
                if (x.isEmpty()) {
                    return Optional.empty();
                }
                init.add(code.vectorType + " " + acc[r][v] + " = " + x.get() + ";");
            }
        }
        for (int r = 0; r < rows; r++) {
            for (int v = 0; v < vectors; v++) {
                Optional<String> x = code.accumulate(acc[r][v], t.step(), r, v, step);
                if (x.isEmpty()) {
                    return Optional.empty();
                }
                update.add(acc[r][v] + " = " + x.get() + ";");
            }
        }
        for (int r = 0; r < rows; r++) {
            for (int v = 0; v < vectors; v++) {
                int row = r;
                int vector = v;
                Optional<String> x = code.vector(t.stored(), r, v, Map.of(t.scalar(), acc[r][v]), after)
                        .flatMap(value -> code.store(t.target(), value, row, vector));
                if (x.isEmpty()) {
                    return Optional.empty();
                }
                store.add(x.get());
            }
        }
        // the reduction loops: k from the bounds read up front (accumulated form), or as written, with their locals
        StringBuilder headers = new StringBuilder();
        if (t.guard()) {
            String k = t.red().var();
            headers.append("for (int ").append(k).append(" = ").append(kLo).append("; ").append(k).append(" < ")
                    .append(kHi).append("; ").append(k).append("++) {\n");
        } else {
            for (dev.evolve.engine.mutate.loops.Loop l : t.reduction()) {
                ForStmt f = l.node();
                headers.append("for (").append(f.getInitialization().get(0)).append("; ").append(f.getCompare().orElseThrow())
                        .append("; ").append(f.getUpdate().get(0)).append(") {\n");
            }
        }
        StringBuilder locals = new StringBuilder();
        t.locals().forEach(st -> locals.append(st).append('\n'));
        return Optional.of("{\n" + String.join("\n", before.declarations) + "\n" + String.join("\n", init) + "\n"
                + headers + locals + String.join("\n", step.declarations) + "\n" + String.join("\n", update) + "\n"
                + "}\n".repeat(t.guard() ? 1 : t.reduction().size())
                + String.join("\n", after.declarations) + "\n" + String.join("\n", store) + "\n}");
    }

    /**
     * For the parallel variant: every name the stream's body reads (the tile's expressions; the bounds are evaluated
     * before it) is defined once and is not an enclosing loop's variable, so the lambda may capture it.
     */
    static boolean captureable(MethodDeclaration method, VectorRegisterTile.Tile t) {
        Map<String, Integer> definitions = ParallelizeOuterLoop.definitionCounts(method);
        Set<String> own = new HashSet<>(Set.of(t.row().var(), t.col().var(), t.scalar()));
        t.reduction().forEach(l -> own.add(l.var()));
        t.locals().forEach(s -> s.findAll(VariableDeclarator.class).forEach(d -> own.add(d.getNameAsString())));
        Set<String> enclosing = new HashSet<>();
        t.top().path().forEach(l -> enclosing.add(l.var()));
        Set<String> used = new HashSet<>();
        List<com.github.javaparser.ast.Node> inside = new ArrayList<com.github.javaparser.ast.Node>(List.of(t.init(), t.step(), t.stored(), t.target()));
        t.reduction().forEach(l -> inside.addAll(List.of(l.start(), l.end())));
        inside.addAll(t.locals());
        for (com.github.javaparser.ast.Node e : inside) {
            used.addAll(Expressions.names(e));
            e.findAll(NameExpr.class).forEach(n -> used.add(n.getNameAsString()));
        }
        for (String name : used) {
            if (!own.contains(name) && (enclosing.contains(name) || definitions.getOrDefault(name, 0) > 1)) {
                return false;
            }
        }
        return true;
    }
}
