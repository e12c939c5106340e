package dev.evolve.engine.mutate.ast;

import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.Statement;
import java.util.List;
import java.util.Optional;

/**
 * Parallel reduction: a loop that only accumulates ({@link Reductions}) runs as K parallel tasks over
 * contiguous chunks of its range, each into a private partial result, combined afterwards.
 * <ul>
 * <li>a scalar, {@code for (i..) s += E;}, becomes
 *     {@code s += IntStream.range(0, K).parallel().mapToDouble(task -> { ...; double part = 0.0;
 *     for (i in chunk) part += E; return part; }).sum();} ({@code mapToLong} for integer sums);</li>
 * <li>an array element with a data-dependent index, {@code for (i..) counts[values[i]]++;}, becomes one private
 *     array per task ({@code part[values[i]]++}), added element-wise into {@code counts} afterwards.</li>
 * </ul>
 * The summation order changes. Applies to the first such loop outside a lambda whose captured locals are
 * effectively final. Knob = K, the number of tasks.
 */
final class ParallelReduction extends AstRewrite {

    ParallelReduction() {
        super("reduce-parallel", "run a sum or histogram loop as K parallel tasks with private partial results; knob = K",
                List.of(2, 4, 8, 16, 64));
    }

    @Override
    boolean rewrite(BlockUnit unit, int knob) {
        for (Loops.InMethod site : Loops.outsideLambdas(unit)) {
            ForStmt loop = site.loop();
            Optional<Reductions.Update> u = Reductions.of(loop);
            if (u.isPresent() && Reductions.liftable(site.method(), loop, u.get().target())) {
                List<Statement> replacement = u.get().scalar() ? scalar(unit, u.get(), knob)
                        : array(unit, u.get(), knob);
                Loops.insertBefore(loop, replacement);
                loop.remove();
                return true;
            }
        }
        return false;
    }

    /** {@code int from = ...; int to = ...;}: task {@code task} of {@code k} covers [from, to) of the loop's range. */
    static String chunk(Loops.Counted c, String task, int k, String from, String to) {
        String s = Reductions.paren(c.start());
        String e = Reductions.paren(c.end());
        String extent = s.equals("0") ? "(long) " + e : "(long) (" + e + " - " + s + ")";
        String base = s.equals("0") ? "" : s + " + ";
        return "int " + from + " = " + base + "(int) (" + extent + " * " + task + " / " + k + "); "
                + "int " + to + " = " + base + "(int) (" + extent + " * (" + task + " + 1) / " + k + ");";
    }

    private static List<Statement> scalar(BlockUnit unit, Reductions.Update u, int k) {
        boolean floating = u.type().equals("double") || u.type().equals("float");
        String task = unit.fresh("task");
        String from = unit.fresh(u.counted().var() + "From");
        String to = unit.fresh(u.counted().var() + "To");
        String part = unit.fresh(u.target() + "Part");
        String var = u.counted().var();
        String partType = floating ? "double" : "long";
        String update = Reductions.shifted(u, 0, part).toString();
        return unit.stmts("{ " + u.target() + " += " + unit.intStream() + ".range(0, " + k + ").parallel()."
                + (floating ? "mapToDouble" : "mapToLong") + "(" + task + " -> { "
                + chunk(u.counted(), task, k, from, to) + " "
                + partType + " " + part + " = " + Reductions.zeroOf(partType) + "; "
                + "for (int " + var + " = " + from + "; " + var + " < " + to + "; " + var + "++) { " + update + " } "
                + "return " + part + "; }).sum(); }");
    }

    private static List<Statement> array(BlockUnit unit, Reductions.Update u, int k) {
        String type = u.type();
        String parts = unit.fresh(u.target() + "Parts");
        String task = unit.fresh("task");
        String from = unit.fresh(u.counted().var() + "From");
        String to = unit.fresh(u.counted().var() + "To");
        String part = unit.fresh(u.target() + "Part");
        String merged = unit.fresh(u.target() + "Partial");
        String b = unit.fresh("b");
        String var = u.counted().var();
        String update = Reductions.shifted(u, 0, part).toString();
        String c = u.target();
        return unit.stmts("{ " + type + "[][] " + parts + " = new " + type + "[" + k + "][]; "
                + unit.intStream() + ".range(0, " + k + ").parallel().forEach(" + task + " -> { "
                + type + "[] " + part + " = new " + type + "[" + c + ".length]; "
                + chunk(u.counted(), task, k, from, to) + " "
                + "for (int " + var + " = " + from + "; " + var + " < " + to + "; " + var + "++) { " + update + " } "
                + parts + "[" + task + "] = " + part + "; }); "
                + "for (" + type + "[] " + merged + " : " + parts + ") { for (int " + b + " = 0; " + b + " < " + c
                + ".length; " + b + "++) { " + c + "[" + b + "] += " + merged + "[" + b + "]; } } }");
    }
}
