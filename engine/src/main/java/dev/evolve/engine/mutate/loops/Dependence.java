package dev.evolve.engine.mutate.loops;

import java.util.ArrayList;
import java.util.List;

/**
 * A possible dependence from {@code source} to {@code sink} (at least one writes the same storage), with one
 * direction per loop common to both, outermost first. {@code concrete()} spells out the '*' entries and keeps the
 * vectors that can really occur with the source first: lexicographically positive, or all '=' between two
 * different accesses (a dependence inside one iteration).
 */
public record Dependence(Access source, Access sink, List<Loop> loops, List<Direction> directions) {

    /** One entry of a direction vector: sink iteration later ({@code LT}), same, earlier, or unknown. */
    public enum Direction {
        LT("<"), EQ("="), GT(">"), ANY("*");

        private final String symbol;

        Direction(String symbol) {
            this.symbol = symbol;
        }

        @Override
        public String toString() {
            return symbol;
        }
    }

    public Dependence {
        loops = List.copyOf(loops);
        directions = List.copyOf(directions);
        if (loops.size() != directions.size()) {
            throw new IllegalArgumentException("one direction per common loop");
        }
    }

    /**
     * The concrete direction vectors ('*' expanded) that can occur with the source first. A vector with '=' on a
     * tile's point loop ({@link Dependences#owned}) and anything else on its tile loop cannot occur: one value of the
     * point loop lies in one tile.
     */
    public List<List<Direction>> concrete() {
        List<List<Direction>> all = new ArrayList<>();
        expand(0, new ArrayList<>(), all);
        List<int[]> tiles = new ArrayList<>();          // {tile loop's index, point loop's index}
        for (int t = 0; t < loops.size(); t++) {
            for (Loop c : Dependences.owned(loops.get(t))) {
                int at = loops.indexOf(c);
                if (at >= 0) {
                    tiles.add(new int[] {t, at});
                }
            }
        }
        List<List<Direction>> out = new ArrayList<>();
        for (List<Direction> v : all) {
            Direction first = v.stream().filter(d -> d != Direction.EQ).findFirst().orElse(Direction.EQ);
            boolean possible = tiles.stream().noneMatch(tc -> v.get(tc[1]) == Direction.EQ && v.get(tc[0]) != Direction.EQ);
            if (possible && (first == Direction.LT || (first == Direction.EQ && source.order() < sink.order()))) {
                out.add(v);
            }
        }
        return out;
    }

    private void expand(int i, List<Direction> prefix, List<List<Direction>> out) {
        if (i == directions.size()) {
            out.add(List.copyOf(prefix));
            return;
        }
        List<Direction> options = directions.get(i) == Direction.ANY
                ? List.of(Direction.LT, Direction.EQ, Direction.GT) : List.of(directions.get(i));
        for (Direction d : options) {
            prefix.add(d);
            expand(i + 1, prefix, out);
            prefix.removeLast();
        }
    }

    @Override
    public String toString() {
        return source.root() + (source.write() ? "(w)" : "(r)") + " -> " + sink.root() + (sink.write() ? "(w)" : "(r)")
                + " " + loops + " " + directions;
    }
}
