package dev.evolve.kernels.opencl;

import java.util.List;

/**
 * The index space of one kernel launch: global and local (work-group) sizes per dimension.
 * Every global size is a whole number of work-groups; work-items past the problem's edge exist
 * and must not write (the kernels guard their bounds; buffers are never padded).
 */
public record NdRange(List<Long> global, List<Long> local) {

    public NdRange {
        global = List.copyOf(global);
        local = List.copyOf(local);
        if (global.isEmpty() || global.size() > 3 || global.size() != local.size()) {
            throw new IllegalArgumentException("1 to 3 dimensions, global and local alike: " + global + " / " + local);
        }
        for (int d = 0; d < global.size(); d++) {
            long g = global.get(d);
            long l = local.get(d);
            if (l < 1 || g < l || g % l != 0) {
                throw new IllegalArgumentException("dimension " + d + ": global " + g
                        + " is no positive multiple of local " + l);
            }
        }
    }

    /** Two dimensions. */
    public static NdRange of(long globalX, long globalY, long localX, long localY) {
        return new NdRange(List.of(globalX, globalY), List.of(localX, localY));
    }

    /** One dimension. */
    public static NdRange of(long global, long local) {
        return new NdRange(List.of(global), List.of(local));
    }

    /** {@code ceil(items / local) * local}: the items rounded up to whole work-groups. */
    /**
     * The 2-D launch of the tiled targets (matmul, transpose): ceil(n / WPT_X) x ceil(n / WPT_Y)
     * work-items, rounded up to whole LOCAL_X x LOCAL_Y work-groups.
     */
    public static NdRange tiled(Knobs knobs, int n) {
        int lx = knobs.require("LOCAL_X");
        int ly = knobs.require("LOCAL_Y");
        long itemsX = Math.ceilDiv(n, knobs.require("WPT_X"));
        long itemsY = Math.ceilDiv(n, knobs.require("WPT_Y"));
        return of(roundUp(itemsX, lx), roundUp(itemsY, ly), lx, ly);
    }

    public static long roundUp(long items, long local) {
        return Math.ceilDiv(Math.max(1, items), local) * local;
    }

    public int dimensions() {
        return global.size();
    }

    /** Work-items per work-group. */
    public long workGroupSize() {
        return local.stream().mapToLong(Long::longValue).reduce(1, Math::multiplyExact);
    }

    /** Work-items in all. */
    public long totalItems() {
        return global.stream().mapToLong(Long::longValue).reduce(1, Math::multiplyExact);
    }

    public long[] globalArray() {
        return global.stream().mapToLong(Long::longValue).toArray();
    }

    public long[] localArray() {
        return local.stream().mapToLong(Long::longValue).toArray();
    }
}
