package dev.evolve.engine.mutate.ast;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The micro-kernel text of {@link RegisterBlock}: R x V vector accumulators held across the k loop,
 * remainder columns and rows in scalar code, in the plain form or with the column chunk's panel of B
 * packed first.
 */
final class RegisterTile {

    private RegisterTile() {
    }

    /** Fresh names of the micro-kernel's row offsets, accumulators ({@code acc[row][vector]}) and B vectors. */
    private record Registers(String[] row, String[][] acc, String[] bv) {
        static Registers of(RegisterBlock.Names names, int rows, int vectors) {
            String[] row = new String[rows];
            String[][] acc = new String[rows][vectors];
            String[] bv = new String[vectors];
            for (int r = 0; r < rows; r++) {
                row[r] = names.of("row" + r);
            }
            for (int r = 0; r < rows; r++) {
                for (int v = 0; v < vectors; v++) {
                    acc[r][v] = names.of("acc" + r + v);
                }
            }
            for (int v = 0; v < vectors; v++) {
                bv[v] = names.of("bv" + v);
            }
            return new Registers(row, acc, bv);
        }
    }

    static String kernel(RegisterBlock.Matmul m, int rows, int vectors, String sp, RegisterBlock.Names names) {
        String a = m.a();
        String b = m.b();
        String c = m.c();
        String n = m.n();
        String lanes = names.of("lanes");
        String colStep = names.of("colStep");
        String rowsEnd = names.of("rowsEnd");
        String colsEnd = names.of("colsEnd");
        String i = names.of(m.i());
        String j = names.of("j");
        String k = names.of("k");
        String bk = names.of("bk");
        String av = names.of("av");
        Registers regs = Registers.of(names, rows, vectors);
        String[] row = regs.row();
        String[][] acc = regs.acc();
        String[] bv = regs.bv();
        String[] sum = new String[rows];
        for (int r = 0; r < rows; r++) {
            sum[r] = names.of("sum" + r);
        }
        String bkj = names.of("bkj");
        String aik = names.of("aik");

        StringBuilder s = new StringBuilder("{\n");
        s.append("int ").append(lanes).append(" = ").append(sp).append(".length();\n");
        s.append("int ").append(colStep).append(" = ").append(vectors).append(" * ").append(lanes).append(";\n");
        s.append("int ").append(rowsEnd).append(" = ").append(n).append(" - ").append(n).append(" % ").append(rows).append(";\n");
        s.append("int ").append(colsEnd).append(" = ").append(n).append(" - ").append(n).append(" % ").append(colStep).append(";\n");
        // full blocks of rows: register tiles, then the columns left over
        s.append("for (int ").append(i).append(" = 0; ").append(i).append(" < ").append(rowsEnd).append("; ")
                .append(i).append(" += ").append(rows).append(") {\n");
        s.append("int ").append(row[0]).append(" = ").append(i).append(" * ").append(n).append(";\n");
        for (int r = 1; r < rows; r++) {
            s.append("int ").append(row[r]).append(" = ").append(row[r - 1]).append(" + ").append(n).append(";\n");
        }
        s.append("for (int ").append(j).append(" = 0; ").append(j).append(" < ").append(colsEnd).append("; ")
                .append(j).append(" += ").append(colStep).append(") {\n");
        for (int r = 0; r < rows; r++) {
            for (int v = 0; v < vectors; v++) {
                s.append("DoubleVector ").append(acc[r][v]).append(" = DoubleVector.zero(").append(sp).append(");\n");
            }
        }
        s.append("for (int ").append(k).append(" = 0; ").append(k).append(" < ").append(n).append("; ").append(k).append("++) {\n");
        s.append("int ").append(bk).append(" = ").append(k).append(" * ").append(n).append(" + ").append(j).append(";\n");
        for (int v = 0; v < vectors; v++) {
            s.append("DoubleVector ").append(bv[v]).append(" = DoubleVector.fromArray(").append(sp).append(", ").append(b)
                    .append(", ").append(bk).append(offset(v, lanes)).append(");\n");
        }
        for (int r = 0; r < rows; r++) {
            s.append(r == 0 ? "DoubleVector " : "").append(av).append(" = DoubleVector.broadcast(").append(sp).append(", ")
                    .append(a).append("[").append(row[r]).append(" + ").append(k).append("]);\n");
            for (int v = 0; v < vectors; v++) {
                s.append(acc[r][v]).append(" = ").append(av).append(".fma(").append(bv[v]).append(", ").append(acc[r][v]).append(");\n");
            }
        }
        s.append("}\n");
        for (int r = 0; r < rows; r++) {
            for (int v = 0; v < vectors; v++) {
                s.append(acc[r][v]).append(".intoArray(").append(c).append(", ").append(row[r]).append(" + ").append(j)
                        .append(offset(v, lanes)).append(");\n");
            }
        }
        s.append("}\n");
        s.append("for (int ").append(j).append(" = ").append(colsEnd).append("; ").append(j).append(" < ").append(n).append("; ")
                .append(j).append("++) {\n");
        for (int r = 0; r < rows; r++) {
            s.append("double ").append(sum[r]).append(" = 0.0;\n");
        }
        s.append("for (int ").append(k).append(" = 0; ").append(k).append(" < ").append(n).append("; ").append(k).append("++) {\n");
        s.append("double ").append(bkj).append(" = ").append(b).append("[").append(k).append(" * ").append(n).append(" + ")
                .append(j).append("];\n");
        for (int r = 0; r < rows; r++) {
            s.append(sum[r]).append(" += ").append(a).append("[").append(row[r]).append(" + ").append(k).append("] * ")
                    .append(bkj).append(";\n");
        }
        s.append("}\n");
        for (int r = 0; r < rows; r++) {
            s.append(c).append("[").append(row[r]).append(" + ").append(j).append("] = ").append(sum[r]).append(";\n");
        }
        s.append("}\n}\n");
        // rows left over: plain i-k-j
        s.append("for (int ").append(i).append(" = ").append(rowsEnd).append("; ").append(i).append(" < ").append(n).append("; ")
                .append(i).append("++) {\n");
        s.append("int ").append(row[0]).append(" = ").append(i).append(" * ").append(n).append(";\n");
        s.append("for (int ").append(j).append(" = 0; ").append(j).append(" < ").append(n).append("; ").append(j).append("++) {\n");
        s.append(c).append("[").append(row[0]).append(" + ").append(j).append("] = 0.0;\n}\n");
        s.append("for (int ").append(k).append(" = 0; ").append(k).append(" < ").append(n).append("; ").append(k).append("++) {\n");
        s.append("double ").append(aik).append(" = ").append(a).append("[").append(row[0]).append(" + ").append(k).append("];\n");
        s.append("int ").append(bk).append(" = ").append(k).append(" * ").append(n).append(";\n");
        s.append("for (int ").append(j).append(" = 0; ").append(j).append(" < ").append(n).append("; ").append(j).append("++) {\n");
        s.append(c).append("[").append(row[0]).append(" + ").append(j).append("] += ").append(aik).append(" * ").append(b)
                .append("[").append(bk).append(" + ").append(j).append("];\n}\n}\n}\n");
        s.append("}");
        return s.toString();
    }

    static String packedKernel(RegisterBlock.Matmul m, int rows, int vectors, String sp, RegisterBlock.Names names) {
        Map<String, String> x = new LinkedHashMap<>();
        x.put("A", m.a());
        x.put("B", m.b());
        x.put("C", m.c());
        x.put("N", m.n());
        x.put("S", sp);
        for (String name : List.of("lanes", "colStep", "rowsEnd", "colsEnd", "panel", "pk", "q", "j", "k", "av", "sum")) {
            x.put(name, names.of(name));
        }
        x.put("i", names.of(m.i()));
        Registers regs = Registers.of(names, rows, vectors);
        String[] row = regs.row();
        String[][] acc = regs.acc();
        String[] bv = regs.bv();
        String lanes = x.get("lanes");
        StringBuilder s = new StringBuilder("{\n");
        s.append("int lanes = S.length();\n");
        s.append("int colStep = " + vectors + " * lanes;\n");
        s.append("int rowsEnd = N - N % " + rows + ";\n");
        s.append("int colsEnd = N - N % colStep;\n");
        // column chunks: pack the chunk's panel of B, then run the register tile down the rows
        s.append("for (int j = 0; j < colsEnd; j += colStep) {\n");
        s.append("double[] panel = new double[N * colStep];\n");
        s.append("for (int k = 0; k < N; k++) { for (int q = 0; q < colStep; q++) { panel[k * colStep + q] = B[k * N + j + q]; } }\n");
        s.append("for (int i = 0; i < rowsEnd; i += " + rows + ") {\n");
        s.append("int " + row[0] + " = i * N;\n");
        for (int r = 1; r < rows; r++) {
            s.append("int " + row[r] + " = " + row[r - 1] + " + N;\n");
        }
        for (int r = 0; r < rows; r++) {
            for (int v = 0; v < vectors; v++) {
                s.append("DoubleVector " + acc[r][v] + " = DoubleVector.zero(S);\n");
            }
        }
        s.append("for (int k = 0; k < N; k++) {\n");
        s.append("int pk = k * colStep;\n");
        for (int v = 0; v < vectors; v++) {
            s.append("DoubleVector " + bv[v] + " = DoubleVector.fromArray(S, panel, pk" + offset(v, lanes) + ");\n");
        }
        for (int r = 0; r < rows; r++) {
            s.append(r == 0 ? "DoubleVector " : "").append("av = DoubleVector.broadcast(S, A[" + row[r] + " + k]);\n");
            for (int v = 0; v < vectors; v++) {
                s.append(acc[r][v] + " = av.fma(" + bv[v] + ", " + acc[r][v] + ");\n");
            }
        }
        s.append("}\n");
        for (int r = 0; r < rows; r++) {
            for (int v = 0; v < vectors; v++) {
                s.append(acc[r][v] + ".intoArray(C, " + row[r] + " + j" + offset(v, lanes) + ");\n");
            }
        }
        s.append("}\n");
        // rows left over in this chunk: one row of V vectors
        s.append("for (int i = rowsEnd; i < N; i++) {\n");
        s.append("int " + row[0] + " = i * N;\n");
        for (int v = 0; v < vectors; v++) {
            s.append("DoubleVector " + acc[0][v] + " = DoubleVector.zero(S);\n");
        }
        s.append("for (int k = 0; k < N; k++) {\n");
        s.append("int pk = k * colStep;\n");
        s.append("DoubleVector av = DoubleVector.broadcast(S, A[" + row[0] + " + k]);\n");
        for (int v = 0; v < vectors; v++) {
            s.append(acc[0][v] + " = av.fma(DoubleVector.fromArray(S, panel, pk" + offset(v, lanes) + "), " + acc[0][v] + ");\n");
        }
        s.append("}\n");
        for (int v = 0; v < vectors; v++) {
            s.append(acc[0][v] + ".intoArray(C, " + row[0] + " + j" + offset(v, lanes) + ");\n");
        }
        s.append("}\n}\n");
        // columns left over: scalar dot products
        s.append("for (int i = 0; i < N; i++) {\n");
        s.append("int " + row[0] + " = i * N;\n");
        s.append("for (int j = colsEnd; j < N; j++) {\n");
        s.append("double sum = 0.0;\n");
        s.append("for (int k = 0; k < N; k++) { sum += A[" + row[0] + " + k] * B[k * N + j]; }\n");
        s.append("C[" + row[0] + " + j] = sum;\n}\n}\n}");
        // substitute the placeholder identifiers (whole words, in one pass) with the chosen names
        Pattern placeholders = Pattern.compile("\\b(" + String.join("|", x.keySet()) + ")\\b");
        return placeholders.matcher(s).replaceAll(r -> Matcher.quoteReplacement(x.get(r.group(1))));
    }

    private static String offset(int v, String lanes) {
        return v == 0 ? "" : v == 1 ? " + " + lanes : " + " + v + " * " + lanes;
    }
}
