package dev.evolve.engine.mutate.ast;

import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import java.util.ArrayList;
import java.util.List;

/**
 * Numeric knob mutation: moves a {@code static final int} constant of the block (a tile size, an unroll factor)
 * to the neighbouring value in {@link #LADDER}. Knob = 2 * (index of the constant among such fields) + direction
 * (0 = down, 1 = up); a constant already at the end of the ladder in that direction does not move.
 */
final class TuneConstant extends AstRewrite {

    static final List<Integer> LADDER = List.of(8, 16, 32, 48, 64, 96, 128, 256);

    TuneConstant() {
        super("tune-constant", "move a static final int constant to the neighbouring value of 8,16,32,48,64,96,128,256",
                List.of(0, 1, 2, 3, 4, 5));
    }

    @Override
    boolean rewrite(BlockUnit unit, int knob) {
        List<VariableDeclarator> constants = new ArrayList<>();
        for (FieldDeclaration f : unit.members().getFields()) {
            if (f.isStatic() && f.isFinal() && f.getElementType().asString().equals("int")) {
                for (VariableDeclarator v : f.getVariables()) {
                    if (v.getInitializer().orElse(null) instanceof IntegerLiteralExpr) {
                        constants.add(v);
                    }
                }
            }
        }
        int index = knob / 2;
        if (index >= constants.size()) {
            return false;
        }
        VariableDeclarator v = constants.get(index);
        int value = ((IntegerLiteralExpr) v.getInitializer().orElseThrow()).asNumber().intValue();
        int next = neighbour(value, knob % 2 == 1);
        if (next == value) {
            return false;
        }
        v.setInitializer(new IntegerLiteralExpr(String.valueOf(next)));
        return true;
    }

    /** The next ladder value above or below {@code value} (values off the ladder snap to the nearest rung that way). */
    static int neighbour(int value, boolean up) {
        if (up) {
            return LADDER.stream().filter(x -> x > value).findFirst().orElse(value);
        }
        return LADDER.reversed().stream().filter(x -> x < value).findFirst().orElse(value);
    }
}
