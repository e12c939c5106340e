package dev.evolve.engine.mutate.ast;

import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Register blocking (unroll-and-jam of the row loop with the column loop vectorized): recognises a row
 * loop {@code for (int i = 0; i < n; i++)} that computes rows of {@code C = A * B} in i-k-j form, that is, it
 * sets the row of C and holds an update {@code C[i*n + j] += A[i*n + k] * B[k*n + j]} (or {@code C[..] = C[..] + ..})
 * under a full
 * {@code k} loop (hoisted locals and vectorized copies are seen through: the scalar statement may be a
 * vector loop's tail), and replaces it with a micro-kernel: for each block of R rows and each chunk of V
 * vectors of columns, R x V {@code DoubleVector} accumulators live in registers across the whole k loop
 * ({@code acc = fma(broadcast(A[i+r][k]), B[k][j..], acc)}), then are stored once. Remainder columns
 * (scalar dot products over the block's rows) and remainder rows (scalar i-k-j) keep every size correct;
 * each element still sums over k in increasing order. Knob = 10 * R + V (rows x vectors per tile); plus 100
 * for the packed form, where the column chunk is the outer loop and its panel of B is first copied into a
 * contiguous local array, so the k loop reads B sequentially (and a parallel column-chunk loop has its own panel).
 * Float matrices get the same kernel in {@code FloatVector}s and float scalars ({@link SinglePrecision}).
 */
final class RegisterBlock extends AstRewrite {

    RegisterBlock() {
        super("register-block", "R x V register tile of vector accumulators over the k loop; knob = 10*rows + vectors",
                List.of(41, 42, 44, 21, 22, 24, 43, 62, 63, 64, 82, 83, 142, 144, 164, 183));
    }

    /** What the recognised row loop multiplies. */
    record Matmul(ForStmt rowLoop, String i, String n, String a, String b, String c) {
    }

    @Override
    boolean rewrite(BlockUnit unit, int knob) {
        boolean packed = knob >= 100;
        int rows = knob % 100 / 10;
        int vectors = knob % 10;
        if (rows < 1 || vectors < 1) {
            return false;
        }
        for (MethodDeclaration method : unit.members().getMethods()) {
            for (ForStmt loop : method.findAll(ForStmt.class)) {
                if (Loops.insideLambda(loop, method)) {
                    continue;
                }
                Optional<Matmul> m = recognise(method, loop);
                if (m.isPresent()) {
                    boolean single = SinglePrecision.isFloatArray(m.get().a(), loop);
                    if (!(loop.getParentNode().orElse(null) instanceof BlockStmt) || !unit.imports("jdk.incubator.vector.VectorSpecies")
                            || !unit.imports("jdk.incubator.vector." + (single ? "FloatVector" : "DoubleVector"))) {
                        return false;
                    }
                    String species = single ? unit.species("Float", "FloatVector") : unit.species();
                    Names names = new Names(unit, method, loop);
                    String text = packed
                            ? RegisterTile.packedKernel(m.get(), rows, vectors, species, names)
                            : RegisterTile.kernel(m.get(), rows, vectors, species, names);
                    List<Statement> kernel = unit.stmts(single ? SinglePrecision.of(text) : text);
                    Loops.insertBefore(loop, kernel);
                    loop.remove();
                    return true;
                }
            }
        }
        return false;
    }

    private static Optional<Matmul> recognise(MethodDeclaration method, ForStmt rowLoop) {
        Optional<Loops.Counted> row = Loops.counted(rowLoop);
        if (row.isEmpty() || !row.get().unitStep() || !isZero(row.get().start())
                || !(row.get().end() instanceof NameExpr nExpr)) {
            return Optional.empty();
        }
        String i = row.get().var();
        String n = nExpr.getNameAsString();
        Map<String, Expression> definitions = Expressions.definitions(method);
        for (ExpressionStmt s : rowLoop.getBody().findAll(ExpressionStmt.class)) {
            if (!(s.getExpression() instanceof AssignExpr update)
                    || !(update.getTarget() instanceof ArrayAccessExpr target)
                    || !(strip(increment(update)) instanceof BinaryExpr product)
                    || product.getOperator() != BinaryExpr.Operator.MULTIPLY) {
                continue;
            }
            List<ForStmt> loops = Loops.enclosingLoops(s);
            if (loops.isEmpty() || !loops.contains(rowLoop)) {
                continue;
            }
            Optional<Loops.Counted> inner = Loops.counted(loops.get(0));
            if (inner.isEmpty() || !inner.get().unitStep()) {
                continue;
            }
            String j = inner.get().var();
            for (ForStmt candidate : loops.subList(1, loops.indexOf(rowLoop))) {
                Optional<Loops.Counted> kLoop = Loops.counted(candidate);
                if (kLoop.isEmpty() || !kLoop.get().unitStep() || !isZero(kLoop.get().start())
                        || !Expressions.isName(kLoop.get().end(), n)) {
                    continue;
                }
                String k = kLoop.get().var();
                Optional<Matmul> m = match(rowLoop, target, product, definitions, i, j, k, n);
                if (m.isPresent()) {
                    return m;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Matmul> match(ForStmt rowLoop, ArrayAccessExpr target, BinaryExpr product,
                                          Map<String, Expression> definitions, String i, String j, String k, String n) {
        String c = Expressions.arrayName(target);
        if (!same(Expressions.expand(target.getIndex(), definitions), i + " * " + n + " + " + j)) {
            return Optional.empty();
        }
        Expression x = Expressions.expand(strip(product.getLeft()), definitions);
        Expression y = Expressions.expand(strip(product.getRight()), definitions);
        for (Expression[] pair : List.of(new Expression[] {x, y}, new Expression[] {y, x})) {
            if (strip(pair[0]) instanceof ArrayAccessExpr aAccess && strip(pair[1]) instanceof ArrayAccessExpr bAccess
                    && same(aAccess.getIndex(), i + " * " + n + " + " + k)
                    && same(bAccess.getIndex(), k + " * " + n + " + " + j)) {
                String a = Expressions.arrayName(aAccess);
                String b = Expressions.arrayName(bAccess);
                Set<String> arrays = Set.of(a, b, c);
                Set<String> written = Expressions.arraysWritten(rowLoop);
                if (arrays.size() == 3 && written.equals(Set.of(c)) && setsTarget(rowLoop, c)
                        && (arrays.stream().allMatch(name -> Expressions.isDoubleArray(name, rowLoop))
                        || arrays.stream().allMatch(name -> SinglePrecision.isFloatArray(name, rowLoop)))) {
                    return Optional.of(new Matmul(rowLoop, i, n, a, b, c));
                }
            }
        }
        return Optional.empty();
    }

    /** The row loop overwrites C somewhere (it does not merely accumulate into what C held before). */
    private static boolean setsTarget(ForStmt rowLoop, String c) {
        boolean assigns = rowLoop.findAll(AssignExpr.class).stream().anyMatch(a -> a.getOperator() == AssignExpr.Operator.ASSIGN
                && a.getTarget() instanceof ArrayAccessExpr t && Expressions.arrayName(t).equals(c));
        boolean stores = rowLoop.findAll(MethodCallExpr.class).stream().anyMatch(m -> m.getNameAsString().equals("intoArray")
                && !m.getArguments().isEmpty() && Expressions.isName(m.getArgument(0), c)
                && m.getScope().map(s -> s.toString().contains("broadcast") || s.toString().toLowerCase().contains("zero")).orElse(false));
        return assigns || stores;
    }

    /** What {@code x += e} or {@code x = x + e} adds to its target; a null literal when it is neither. */
    private static Expression increment(AssignExpr update) {
        if (update.getOperator() == AssignExpr.Operator.PLUS) {
            return update.getValue();
        }
        if (update.getOperator() == AssignExpr.Operator.ASSIGN && strip(update.getValue()) instanceof BinaryExpr sum
                && sum.getOperator() == BinaryExpr.Operator.PLUS && strip(sum.getLeft()).equals(update.getTarget())) {
            return sum.getRight();
        }
        return new NullLiteralExpr();
    }

    private static boolean same(Expression e, String expected) {
        return Expressions.canonical(e).equals(Expressions.canonical(BlockUnit.newParser().parseExpression(expected).getResult().orElseThrow()));
    }

    private static Expression strip(Expression e) {
        Expression x = e;
        while (x instanceof EnclosedExpr en) {
            x = en.getInner();
        }
        return x;
    }

    private static boolean isZero(Expression e) {
        return e instanceof IntegerLiteralExpr l && l.getValue().equals("0");
    }

    /** Local names for the kernel that cannot clash with anything in scope outside the replaced loop. */
    static final class Names {
        private final Set<String> avoid = new HashSet<>();
        private final BlockUnit unit;

        Names(BlockUnit unit, MethodDeclaration method, ForStmt replaced) {
            this.unit = unit;
            for (Parameter p : method.getParameters()) {
                avoid.add(p.getNameAsString());
            }
            for (VariableDeclarator d : method.findAll(VariableDeclarator.class)) {
                if (!replaced.isAncestorOf(d)) {
                    avoid.add(d.getNameAsString());
                }
            }
            for (FieldDeclaration f : unit.members().getFields()) {
                f.getVariables().forEach(v -> avoid.add(v.getNameAsString()));
            }
        }

        String of(String base) {
            String name = base;
            for (int i = 2; avoid.contains(name); i++) {
                name = base + i;
            }
            avoid.add(name);
            unit.fresh(name);
            return name;
        }
    }
}
