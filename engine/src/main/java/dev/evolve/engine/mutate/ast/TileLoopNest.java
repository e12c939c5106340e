package dev.evolve.engine.mutate.ast;

import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import java.util.List;
import java.util.Optional;

/**
 * Two-dimensional tiling: an innermost perfect pair of rectangular unit-step loops
 * {@code for (i) for (j) body} becomes {@code for (iTile) for (jTile) for (i in tile) for (j in tile) body}, so
 * that both the rows and the columns an iteration touches stay in cache for a tile (a transpose reads along one
 * and writes along the other). The tile size is a {@code static final int} field added to the block, so
 * {@code tune-constant} can move it; the knob is its initial value.
 */
final class TileLoopNest extends AstRewrite {

    TileLoopNest() {
        super("tile-2d", "tile a perfect 2-deep loop nest into square tiles; knob = tile size", List.of(8, 16, 32, 64));
    }

    @Override
    boolean rewrite(BlockUnit unit, int knob) {
        for (ForStmt outer : unit.members().findAll(ForStmt.class)) {
            Optional<Loops.Counted> o = Loops.counted(outer);
            if (o.isEmpty() || !o.get().unitStep() || !(LoopInterchange.single(outer.getBody()) instanceof ForStmt inner)) {
                continue;
            }
            Optional<Loops.Counted> i = Loops.counted(inner);
            if (i.isEmpty() || !i.get().unitStep() || !inner.getBody().findAll(ForStmt.class).isEmpty()
                    || tiled(o.get()) || tiled(i.get())
                    || mentions(i.get(), o.get().var()) || mentions(o.get(), i.get().var())) {
                continue;
            }
            String size = unit.addIntConstant("TILE", knob);
            String ov = o.get().var();
            String iv = i.get().var();
            String oTile = unit.fresh(ov + "Tile");
            String iTile = unit.fresh(iv + "Tile");
            String oEnd = unit.fresh(ov + "End");
            String iEnd = unit.fresh(iv + "End");
            String os = o.get().start().toString();
            String oe = Reductions.paren(o.get().end());
            String is = i.get().start().toString();
            String ie = Reductions.paren(i.get().end());
            String body = inner.getBody() instanceof BlockStmt ? inner.getBody().toString() : "{ " + inner.getBody() + " }";
            outer.replace(unit.stmt("for (int " + oTile + " = " + os + "; " + oTile + " < " + oe + "; " + oTile + " += " + size + ") { "
                    + "int " + oEnd + " = Math.min(" + oTile + " + " + size + ", " + oe + "); "
                    + "for (int " + iTile + " = " + is + "; " + iTile + " < " + ie + "; " + iTile + " += " + size + ") { "
                    + "int " + iEnd + " = Math.min(" + iTile + " + " + size + ", " + ie + "); "
                    + "for (int " + ov + " = " + oTile + "; " + ov + " < " + oEnd + "; " + ov + "++) { "
                    + "for (int " + iv + " = " + iTile + "; " + iv + " < " + iEnd + "; " + iv + "++) " + body + " } } }"));
            return true;
        }
        return false;
    }

    private static boolean tiled(Loops.Counted c) {
        return c.var().contains("Tile") || Expressions.names(c.start()).stream().anyMatch(n -> n.contains("Tile"));
    }

    private static boolean mentions(Loops.Counted loop, String var) {
        return Expressions.names(loop.start()).contains(var) || Expressions.names(loop.end()).contains(var)
                || Expressions.names(loop.step()).contains(var);
    }
}
