package dev.evolve.engine.mutate.ast;

import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.Statement;
import java.util.List;
import java.util.Optional;

/**
 * Parallel scan in one pass over memory: the loop's range is cut into blocks of B elements (the knob; small
 * enough to stay in a core's L2 cache), which the tasks of a parallel stream claim in increasing order from a
 * shared counter. For each block a task sums the block (reading it from memory into L2) and publishes the total,
 * looks back for the inclusive prefix of the block before (published a moment later by the task that claimed
 * it), publishes its own inclusive prefix, then rescans the block from L2 with the loop's own body, starting
 * from the prefix before it. The input is read from memory once and the output written once: 16 bytes of
 * traffic per double where {@link ParallelScan}'s two passes take 24. The scan shapes are those
 * {@link ScanLoops} recognizes (inclusive or exclusive), with a store index that is the loop variable plus
 * terms free of it.
 *
 * <p>The look back waits only a bounded while for each block before: then it takes that block's published total
 * and looks further back, or sums the block itself when its task has not (a decoupled look-back). A task that
 * waited without bound for its predecessor would stall the whole scan each time the OS descheduled the
 * predecessor's task, which on a machine with more runnable threads than cores happens every few blocks.
 *
 * <p>A sequential running sum adds one element per floating-point add latency, slower than memory on a core
 * of this machine, so each block is summed and rescanned as four independent chains over its quarters (the
 * quarters' sums give each chain its start). {@code scan-blocked-vector} sums the quarters in Vector API
 * accumulators when the loop is {@code s += x[i]} over doubles; {@code scan-blocked} sums them in scalars.
 *
 * <p>The tasks hand totals and prefixes on through {@code java.util.concurrent.atomic.AtomicInteger} states
 * and spin with {@code Thread.onSpinWait()}: code a target allows with
 * {@link dev.evolve.kernels.Construct#ATOMICS}. The summation order changes. The running sum ends at the
 * total, as after the loop.
 */
final class BlockedScan extends AstRewrite {

    /** Independent chains per block. */
    private static final int CHAINS = 4;
    /**
     * Tasks of the parallel stream: more than the pool's threads cost one failed claim each and nothing else;
     * fewer would leave cores of a larger machine idle.
     */
    private static final int TASKS = 8;

    /**
     * Elements of a block per round of the bounded wait for the block before: a round of
     * {@code Thread.onSpinWait()} takes some 20 ns here, summing an element from memory under 1 ns, so the wait
     * lasts one to two block sums, as long as a task that is running takes to publish.
     */
    private static final int SPIN_PER_ELEMENTS = 16;

    /** Whether the quarters are summed in vector accumulators. */
    private final boolean vector;

    BlockedScan(boolean vector) {
        super(vector ? "scan-blocked-vector" : "scan-blocked", vector
                ? "one-pass parallel prefix sum over L2-sized blocks handed on in order, block sums in vector accumulators; knob = block size"
                : "one-pass parallel prefix sum over L2-sized blocks handed on in order; knob = block size",
                List.of(4096, 8192, 16384, 32768, 65536));
        this.vector = vector;
    }

    @Override
    boolean rewrite(BlockUnit unit, int knob) {
        Optional<ScanLoops.Site> site = ScanLoops.first(unit, vector);
        if (site.isEmpty()) {
            return false;
        }
        List<Statement> out = unit.stmts(new Generated(unit, site.get().loop(), site.get().sum(), knob).code());
        Loops.insertBefore(site.get().loop(), out);
        site.get().loop().remove();
        return true;
    }

    /** The replacement of one scan loop; names are fresh in the block. */
    private final class Generated {
        private final BlockUnit unit;
        private final ForStmt loop;
        private final String sum;
        private final int block;
        private final String type;
        private final String var;
        private final String from;
        private final String quarter;
        private final String[] parts = new String[CHAINS];

        Generated(BlockUnit unit, ForStmt loop, String sum, int block) {
            this.unit = unit;
            this.loop = loop;
            this.sum = sum;
            this.block = block;
            this.type = Expressions.declaredType(sum, loop).orElseThrow().asString();
            this.var = Loops.counted(loop).orElseThrow().var();
            this.from = unit.fresh(var + "From");
            this.quarter = unit.fresh(var + "Quarter");
            for (int j = 0; j < CHAINS; j++) {
                parts[j] = unit.fresh(sum + "Part" + j);
            }
        }

        String code() {
            Loops.Counted c = Loops.counted(loop).orElseThrow();
            String atomic = unit.imports("java.util.concurrent.atomic.AtomicInteger")
                    ? "AtomicInteger" : "java.util.concurrent.atomic.AtomicInteger";
            String first = unit.fresh(var + "First");
            String end = unit.fresh(var + "End");
            String blocks = unit.fresh(sum + "Blocks");
            String totals = unit.fresh(sum + "Totals");
            String prefix = unit.fresh(sum + "Prefix");
            String state = unit.fresh(sum + "State");
            String claimed = unit.fresh(sum + "Claimed");
            String start = unit.fresh(sum + "Start");
            String task = unit.fresh("task");
            String b = unit.fresh("block");
            String k = unit.fresh("k");
            String to = unit.fresh(var + "To");
            String carry = unit.fresh(sum + "Before");
            String back = unit.fresh("back");
            String seen = unit.fresh("seen");
            String spin = unit.fresh("spin");
            String backFrom = unit.fresh(var + "BackFrom");
            String backTo = unit.fresh(var + "BackTo");
            String backSum = unit.fresh(sum + "Back");
            String[] runs = new String[CHAINS];
            for (int j = 0; j < CHAINS; j++) {
                runs[j] = unit.fresh(sum + "Run" + j);
            }
            String zero = Reductions.zeroOf(type);
            StringBuilder out = new StringBuilder("{ ");
            out.append("int ").append(first).append(" = ").append(c.start()).append("; ")
                    .append("int ").append(end).append(" = ").append(c.end()).append("; ")
                    .append("int ").append(blocks).append(" = (int) Math.max(0L, ((long) ").append(end).append(" - ")
                    .append(first).append(" + ").append(block - 1).append(") / ").append(block).append("); ")
                    .append(type).append("[] ").append(totals).append(" = new ").append(type).append("[").append(blocks).append("]; ")
                    .append(type).append("[] ").append(prefix).append(" = new ").append(type).append("[").append(blocks).append("]; ")
                    .append(atomic).append("[] ").append(state).append(" = new ").append(atomic).append("[").append(blocks).append("]; ")
                    .append("for (int ").append(k).append(" = 0; ").append(k).append(" < ").append(blocks).append("; ").append(k)
                    .append("++) { ").append(state).append("[").append(k).append("] = new ").append(atomic).append("(); } ")
                    .append(atomic).append(" ").append(claimed).append(" = new ").append(atomic).append("(); ")
                    .append(type).append(" ").append(start).append(" = ").append(sum).append("; ")
                    // Blocks are claimed in increasing order, so the blocks before a claimed one were claimed by tasks
                    // that run (a task holds its claim until it has published the block): their prefixes come soon.
                    // Progress never depends on it: the look back below waits a bounded while, then does the work
                    // itself, so the stream ends whatever number of its tasks the pool runs at once, one included.
                    .append(unit.intStream()).append(".range(0, Math.min(").append(blocks).append(", ").append(TASKS)
                    .append(")).parallel().forEach(").append(task).append(" -> { ")
                    .append("for (int ").append(b).append(" = ").append(claimed).append(".getAndIncrement(); ").append(b)
                    .append(" < ").append(blocks).append("; ").append(b).append(" = ").append(claimed).append(".getAndIncrement()) { ")
                    .append("int ").append(from).append(" = (int) (").append(first).append(" + (long) ").append(b)
                    .append(" * ").append(block).append("); ")
                    .append("int ").append(to).append(" = (int) Math.min((long) ").append(from).append(" + ").append(block)
                    .append(", ").append(end).append("); ")
                    .append("int ").append(quarter).append(" = (").append(to).append(" - ").append(from).append(") / ")
                    .append(CHAINS).append("; ");
            for (String part : parts) {
                out.append(type).append(" ").append(part).append(" = ").append(zero).append("; ");
            }
            out.append(blockSums(to));
            // state 1: the block's total is in totals[b]; state 2: its inclusive prefix is in prefix[b]. Each
            // plain store comes before the release (set) of its state and each load after the acquire (get).
            out.append(totals).append("[").append(b).append("] = ").append(String.join(" + ", parts)).append("; ")
                    .append(state).append("[").append(b).append("].set(1); ");
            // Look back for the prefix before the block: the blocks before it were claimed earlier and are
            // normally published a moment later, so wait for each a while (SPIN_PER_ELEMENTS), then take its
            // total and look further back, or, when its task has not even summed it (a task the OS
            // descheduled), sum it here. No task waits for another without bound, so a stalled
            // task delays only the end of the stream, however many tasks the pool runs at once.
            out.append(type).append(" ").append(carry).append(" = ").append(zero).append("; ")
                    .append("int ").append(back).append(" = ").append(b).append(" - 1; ")
                    .append("for (; ").append(back).append(" >= 0; ").append(back).append("--) { ")
                    .append("int ").append(seen).append(" = ").append(state).append("[").append(back).append("].get(); ")
                    .append("for (int ").append(spin).append(" = 0; ").append(seen).append(" < 2 && ").append(spin)
                    .append(" < ").append(block / SPIN_PER_ELEMENTS).append("; ").append(spin).append("++) { Thread.onSpinWait(); ")
                    .append(seen).append(" = ").append(state).append("[").append(back).append("].get(); } ")
                    .append("if (").append(seen).append(" == 2) { ").append(carry).append(" += ").append(prefix)
                    .append("[").append(back).append("]; break; } ")
                    .append("if (").append(seen).append(" == 1) { ").append(carry).append(" += ").append(totals)
                    .append("[").append(back).append("]; } else { ")
                    .append("int ").append(backFrom).append(" = (int) (").append(first).append(" + (long) ").append(back)
                    .append(" * ").append(block).append("); ")
                    .append("int ").append(backTo).append(" = ").append(backFrom).append(" + ").append(block).append("; ")
                    .append(type).append(" ").append(backSum).append(" = ").append(zero).append("; ")
                    .append(scalarLoop(backFrom, backTo, backSum))
                    .append(carry).append(" += ").append(backSum).append("; } } ")
                    .append("if (").append(back).append(" < 0) { ").append(carry).append(" += ").append(start).append("; } ")
                    .append(prefix).append("[").append(b).append("] = ").append(carry).append(" + ").append(totals)
                    .append("[").append(b).append("]; ")
                    .append(state).append("[").append(b).append("].set(2); ");
            out.append(type).append(" ").append(runs[0]).append(" = ").append(carry).append("; ");
            for (int j = 1; j < CHAINS; j++) {
                out.append(type).append(" ").append(runs[j]).append(" = ").append(runs[j - 1]).append(" + ")
                        .append(parts[j - 1]).append("; ");
            }
            out.append(quarterLoops(from, to, runs, loop.getBody(), sum));
            out.append("} }); ")
                    .append("if (").append(blocks).append(" > 0) { ").append(sum).append(" = ").append(prefix).append("[")
                    .append(blocks).append(" - 1]; } }");
            return out.toString();
        }

        /** {@code for (i in [lo, hi)) { s += E; }} with the running sum renamed {@code into}: a whole block's sum. */
        private String scalarLoop(String lo, String hi, String into) {
            Statement add = Loops.substitute(ScanLoops.addStatement(loop).clone(), sum, new NameExpr(into));
            return "for (int " + var + " = " + lo + "; " + var + " < " + hi + "; " + var + "++) { " + add + " } ";
        }

        /** The quarters' sums into the parts: vector accumulators first where allowed, then scalar. */
        private String blockSums(String to) {
            String scalarFrom = from;
            String vectorPart = "";
            if (vector) {
                String array = ScanLoops.vectorRead(loop, sum).orElseThrow();
                String species = unit.species();
                String vectorClass = unit.vectorApi("DoubleVector");
                String vec = unit.fresh(var + "Vec");
                StringBuilder v = new StringBuilder("int " + vec + " = " + from + " + " + species + ".loopBound("
                        + quarter + "); ");
                String[] lanes = new String[CHAINS];
                for (int j = 0; j < CHAINS; j++) {
                    lanes[j] = unit.fresh(parts[j] + "Lanes");
                    v.append(vectorClass).append(" ").append(lanes[j]).append(" = ").append(vectorClass)
                            .append(".zero(").append(species).append("); ");
                }
                v.append("for (int ").append(var).append(" = ").append(from).append("; ").append(var).append(" < ")
                        .append(vec).append("; ").append(var).append(" += ").append(species).append(".length()) { ");
                for (int j = 0; j < CHAINS; j++) {
                    v.append(lanes[j]).append(" = ").append(lanes[j]).append(".add(").append(vectorClass)
                            .append(".fromArray(").append(species).append(", ").append(array).append(", ")
                            .append(shifted(j)).append(")); ");
                }
                v.append("} ");
                for (int j = 0; j < CHAINS; j++) {
                    v.append(parts[j]).append(" += ").append(lanes[j]).append(".reduceLanes(")
                            .append(unit.vectorApi("VectorOperators")).append(".ADD); ");
                }
                vectorPart = v.toString();
                scalarFrom = vec;
            }
            return vectorPart + quarterLoops(scalarFrom, to, parts, ScanLoops.addStatement(loop), sum);
        }

        /**
         * {@code for (i in [lo, from + quarter)) { stmt for chain 0 at i; ...; chain 3 at i + 3 * quarter }} and
         * the remainder {@code [from + 4 * quarter, to)} on the last chain; chain j's copy of {@code stmt} has its
         * running sum renamed {@code names[j]}.
         */
        private String quarterLoops(String lo, String to, String[] names, Statement stmt, String renamed) {
            List<Statement> statements = Reductions.statements(stmt);
            StringBuilder out = new StringBuilder("for (int " + var + " = " + lo + "; " + var + " < " + from + " + "
                    + quarter + "; " + var + "++) { ");
            for (int j = 0; j < CHAINS; j++) {
                for (Statement s : statements) {
                    Statement copy = Loops.substitute(s.clone(), renamed, new NameExpr(names[j]));
                    out.append(j == 0 ? copy : Loops.substitute(copy, var, shiftExpr(j))).append(" ");
                }
            }
            out.append("} for (int ").append(var).append(" = ").append(from).append(" + ").append(CHAINS).append(" * ")
                    .append(quarter).append("; ").append(var).append(" < ").append(to).append("; ").append(var).append("++) { ");
            for (Statement s : statements) {
                out.append(Loops.substitute(s.clone(), renamed, new NameExpr(names[CHAINS - 1]))).append(" ");
            }
            return out.append("} ").toString();
        }

        /** The loop variable moved to quarter j: {@code i + j * quarter}. */
        private Expression shiftExpr(int j) {
            Expression offset = j == 1 ? new NameExpr(quarter) : new BinaryExpr(new IntegerLiteralExpr(String.valueOf(j)),
                    new NameExpr(quarter), BinaryExpr.Operator.MULTIPLY);
            return new BinaryExpr(new NameExpr(var), offset, BinaryExpr.Operator.PLUS);
        }

        private String shifted(int j) {
            return j == 0 ? var : shiftExpr(j).toString();
        }
    }
}
