package dev.evolve.engine.mutate.ast;

import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import dev.evolve.engine.mutate.loops.Aliasing;
import dev.evolve.engine.mutate.loops.Dependences;
import dev.evolve.engine.mutate.loops.Loop;
import java.util.List;

/**
 * Tiles one loop of the first longest perfect band: its tile loop runs over blocks of {@code size} iterations
 * at the top of the band, the loop itself within the block. Legal when the band down to that loop is fully
 * permutable and the loop's bounds read no band loop above it (its tile loop moves above them; the loops it
 * passes may depend on one another, so a tiled band can be tiled again). Knob: 10 * size + position in the band
 * (size 8 to 256, position 0 to 3); tiling twice tiles two loops.
 */
final class TileLoop extends DependenceRewrite {

    static final List<Integer> SIZES = List.of(8, 16, 32, 64, 128, 256);

    TileLoop(Aliasing aliasing) {
        super("tile", "tile one loop of a perfect band, its tile loop outermost; knob = 10 * size + position",
                ScheduleSites.knobs(SIZES, 4), aliasing);
    }

    @Override
    boolean rewrite(BlockUnit unit, int knob) {
        int size = knob / 10;
        int pos = knob % 10;
        ScheduleSites.Site site = ScheduleSites.deepest(unit, aliasing).orElse(null);
        if (site == null) {
            return false;
        }
        List<Loop> band = site.nest().longestBand();
        if (pos >= band.size()) {
            return false;
        }
        Loop loop = band.get(pos);
        if (loop.step() != 1 || !ScheduleSites.boundsFree(List.of(loop), ScheduleSites.vars(band.subList(0, pos)))
                || !Dependences.fullyPermutable(site.deps(), band, pos)) {
            return false;
        }
        String v = loop.var();
        String tileVar = unit.fresh(v + "T");
        String start = loop.start().toString();
        String end = loop.end().toString();
        ForStmt inner = loop.node();
        ForStmt header = (ForStmt) unit.stmt("for (int " + v + " = " + tileVar + "; " + v + " < Math.min(" + tileVar
                + " + " + size + ", " + end + "); " + v + "++) {}");
        inner.setInitialization(header.getInitialization());
        inner.setCompare(header.getCompare().orElseThrow());
        ForStmt top = band.getFirst().node();
        ForStmt tile = (ForStmt) unit.stmt("for (int " + tileVar + " = " + start + "; " + tileVar + " < " + end + "; "
                + tileVar + " += " + size + ") {}");
        top.replace(tile);
        ((BlockStmt) tile.getBody()).addStatement(top);
        return true;
    }
}
