package dev.evolve.engine.mutate.ast;

import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Tiling by strip-mining: in the deepest loop nest, the second loop (k of i-k-j, j of i-j-k), or failing that the
 * first other loop of the nest that encloses a loop and is not already a tile loop, becomes a loop over tiles of
 * {@code TILE_X} iterations and a loop within the tile,
 * {@code for (int kTile = s; kTile < e; kTile += TILE_K) for (int k = kTile; k < Math.min(kTile + TILE_K, e); k++)}.
 * The tile size is a {@code static final int} field added to the block (so {@code tune-constant} can move it);
 * the knob is its initial value. Followed by interchange (the tile loop outward), it gives blocked loops.
 */
final class StripMineLoop extends AstRewrite {

    StripMineLoop() {
        super("strip-mine", "tile a loop: split it into a loop over tiles and a loop within a tile; knob = tile size",
                List.of(16, 32, 64, 128, 256));
    }

    @Override
    boolean rewrite(BlockUnit unit, int knob) {
        ForStmt root = null;
        int rootDepth = 1;
        for (ForStmt loop : unit.members().findAll(ForStmt.class)) {
            int depth = ParallelizeOuterLoop.depth(loop);
            if (depth > rootDepth && Loops.enclosingLoops(loop).isEmpty()) {
                root = loop;
                rootDepth = depth;
            }
        }
        if (root == null) {
            return false;
        }
        // the deepest nest's chain of loops; its second loop first (k in i-k-j, j in i-j-k), then the others
        List<ForStmt> chain = new ArrayList<>();
        for (ForStmt f = root; f != null; f = deepestInner(f)) {
            chain.add(f);
        }
        List<ForStmt> order = new ArrayList<>(chain);
        if (order.size() > 1) {
            order.addFirst(order.remove(1));
        }
        for (ForStmt loop : order) {
            Optional<Loops.Counted> c = Loops.counted(loop);
            if (c.isEmpty() || !c.get().unitStep() || deepestInner(loop) == null
                    || isTileLoop(c.get()) || isInTile(c.get())) {
                continue;
            }
            String var = c.get().var();
            String tileVar = unit.fresh(var + "Tile");
            String size = unit.addIntConstant("TILE_" + var.toUpperCase(Locale.ROOT), knob);
            String start = c.get().start().toString();
            String end = c.get().end() instanceof NameExpr ? c.get().end().toString() : "(" + c.get().end() + ")";
            String body = loop.getBody() instanceof BlockStmt
                    ? loop.getBody().toString() : "{ " + loop.getBody() + " }";
            Statement outer = unit.stmt("for (int " + tileVar + " = " + start + "; " + tileVar + " < " + end + "; "
                    + tileVar + " += " + size + ") { for (int " + var + " = " + tileVar + "; " + var + " < Math.min("
                    + tileVar + " + " + size + ", " + end + "); " + var + "++) " + body + " }");
            loop.replace(outer);
            return true;
        }
        return false;
    }

    /** Of the loops directly nested in this one, the one with the deepest nest under it (the first such). */
    private static ForStmt deepestInner(ForStmt loop) {
        ForStmt best = null;
        int bestDepth = 0;
        for (ForStmt inner : loop.getBody().findAll(ForStmt.class)) {
            List<ForStmt> around = Loops.enclosingLoops(inner);
            int depth = ParallelizeOuterLoop.depth(inner);
            if (!around.isEmpty() && around.getFirst() == loop && depth > bestDepth) {
                best = inner;
                bestDepth = depth;
            }
        }
        return best;
    }

    private static boolean isTileLoop(Loops.Counted c) {
        return c.var().contains("Tile");
    }

    private static boolean isInTile(Loops.Counted c) {
        return Expressions.names(c.start()).stream().anyMatch(n -> n.contains("Tile"));
    }
}
