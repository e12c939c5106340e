package dev.evolve.engine.mutate.opencl;

import dev.evolve.engine.mutate.Rewrite;
import java.util.List;

/**
 * The rule-based rewrites of each OpenCL target, in a stable order.
 *
 * <table>
 * <caption>rewrites</caption>
 * <tr><th>name</th><th>targets</th><th>knobs</th><th>what</th></tr>
 * <tr><td>tune-knob</td><td>all</td><td>2 * define index + direction</td><td>an integer #define one rung along 1, 2, 3, 4, 6, 8, 12, 16, ..., 256</td></tr>
 * <tr><td>local-tiles</td><td>matmul-opencl</td><td>TILE: 4, 8, 16, 32</td><td>stage blocks of A and B in __local memory, one element per item</td></tr>
 * <tr><td>work-per-item</td><td>matmul-opencl</td><td>WPT_X = WPT_Y: 2, 4, 8</td><td>a WPT_Y x WPT_X block of C per item in private accumulators</td></tr>
 * <tr><td>vector-loads</td><td>matmul-opencl</td><td>VW: 4, 8, 16</td><td>floatVW loads of B, rows of C as floatVW accumulators (WPT_X = VW, WPT_Y at least 4)</td></tr>
 * <tr><td>unroll</td><td>matmul-opencl, matvec-opencl</td><td>2, 4, 8, 16</td><td>#pragma unroll on the summed-over loop</td></tr>
 * <tr><td>local-tiles</td><td>transpose-opencl</td><td>0</td><td>read a block into __local memory, write it back transposed, rows both ways</td></tr>
 * <tr><td>register-tiles</td><td>transpose-opencl</td><td>LOCAL_X = LOCAL_Y: 1, 4, 16</td><td>an 8 x 8 block per item, read and written as float8 rows</td></tr>
 * <tr><td>row-reduction</td><td>matvec-opencl</td><td>LOCAL_X: 16, 64, 256</td><td>a work-group per row, a tree reduction in __local memory</td></tr>
 * <tr><td>vector-rows</td><td>matvec-opencl</td><td>ROWS_PER_GROUP: 4, 8, 16</td><td>four rows per item at a time in float16 fma accumulators, x loaded once for the four</td></tr>
 * </table>
 */
public final class OpenClRewrites {

    private static final List<String> MATMUL_KNOBS = List.of("LOCAL_X", "LOCAL_Y", "WPT_X", "WPT_Y");
    private static final List<String> MATVEC_KNOBS = List.of("LOCAL_X", "ROWS_PER_GROUP");

    private OpenClRewrites() {
    }

    /** The rewrites for the OpenCL target {@code name}; empty for a target that is not an OpenCL one. */
    public static List<Rewrite> forTarget(String name) {
        return switch (name) {
            case "matmul-opencl" -> List.of(new TuneKnob(), matmulLocalTiles(), matmulWorkPerItem(),
                    matmulVectorLoads(), new UnrollLoop());
            case "matvec-opencl" -> List.of(new TuneKnob(), matvecRowReduction(), matvecVectorRows(), new UnrollLoop());
            case "transpose-opencl" -> List.of(new TuneKnob(), transposeLocalTiles(), transposeRegisterTiles());
            default -> List.of();
        };
    }

    static Rewrite matmulLocalTiles() {
        return new KernelTemplate("local-tiles", "stage TILE-deep blocks of A and B in __local memory (one element per item)",
                List.of(4, 8, 16, 32), "matmul-local-tiles.cl", MATMUL_KNOBS,
                (parent, tile) -> Defines.of("WPT_X", 1, "WPT_Y", 1, "TILE", tile));
    }

    static Rewrite matmulWorkPerItem() {
        return new KernelTemplate("work-per-item", "each work-item computes a WPT x WPT block of C in private accumulators",
                List.of(2, 4, 8), "matmul-work-per-item.cl", MATMUL_KNOBS,
                (parent, wpt) -> Defines.of("WPT_X", wpt, "WPT_Y", wpt));
    }

    static Rewrite matmulVectorLoads() {
        return new KernelTemplate("vector-loads", "rows of B read as floatVW vectors, WPT_Y rows x VW columns of C per item",
                List.of(4, 8, 16), "matmul-vector-loads.cl", MATMUL_KNOBS,
                (parent, vw) -> Defines.of("WPT_X", vw, "WPT_Y", Math.max(4, parent.value("WPT_Y").orElse(1)),
                        "VW", vw));
    }

    static Rewrite transposeLocalTiles() {
        return new KernelTemplate("local-tiles", "transpose through a __local tile, reading and writing along rows",
                List.of(0), "transpose-local-tiles.cl", MATMUL_KNOBS, (parent, knob) -> Defines.of());
    }

    static Rewrite transposeRegisterTiles() {
        return new KernelTemplate("register-tiles", "an 8 x 8 block per work-item, read and written as float8 rows",
                List.of(1, 4, 16), "transpose-register-tiles.cl", MATMUL_KNOBS,
                (parent, local) -> Defines.of("LOCAL_X", local, "LOCAL_Y", local, "WPT_X", 8, "WPT_Y", 8));
    }

    static Rewrite matvecVectorRows() {
        return new KernelTemplate("vector-rows", "four rows per work-item at a time in float16 fma accumulators",
                List.of(4, 8, 16), "matvec-vector-rows.cl", MATVEC_KNOBS,
                (parent, rows) -> Defines.of("LOCAL_X", 1, "ROWS_PER_GROUP", rows));
    }

    static Rewrite matvecRowReduction() {
        return new KernelTemplate("row-reduction", "a work-group per row: interleaved reads, a tree reduction in __local memory",
                List.of(16, 64, 256), "matvec-row-reduction.cl", MATVEC_KNOBS,
                (parent, local) -> Defines.of("LOCAL_X", local, "ROWS_PER_GROUP", 1));
    }
}
