// transpose-opencl: single-precision t = transpose(a), square n x n, row-major.
// Host contract (fixed): the kernel transpose(a, t, n) runs on a 2-D range of
// ceil(n / WPT_X) x ceil(n / WPT_Y) work-items, rounded up to whole work-groups of
// LOCAL_X x LOCAL_Y; dimension 0 runs along the columns of a, dimension 1 along its rows.
// Work-items past the edge must not write. The host reads LOCAL_X, LOCAL_Y, WPT_X and WPT_Y below.
// EVOLVE-BLOCK-START
#define LOCAL_X 1
#define LOCAL_Y 64
#define WPT_X 8
#define WPT_Y 8

// Blocks through registers: each work-item transposes a WPT_Y x WPT_X block. An 8 x 8 block
// inside the matrix is read as eight float8 rows (vload8) and written as eight float8 rows of t
// (vstore8) made of the rows' lanes, so both global accesses run along rows; a block at the
// edge, or any other block size the knobs give, is copied element by element.
__kernel void transpose(__global const float* a, __global float* t, const int n) {
    const int c0 = get_global_id(0) * WPT_X;
    const int r0 = get_global_id(1) * WPT_Y;
#if WPT_X == 8 && WPT_Y == 8
    if (r0 + 8 <= n && c0 + 8 <= n) {
        __global const float* s = a + (size_t) r0 * n + c0;
        const float8 m0 = vload8(0, s), m1 = vload8(0, s + n), m2 = vload8(0, s + 2 * n), m3 = vload8(0, s + 3 * n);
        const float8 m4 = vload8(0, s + 4 * n), m5 = vload8(0, s + 5 * n), m6 = vload8(0, s + 6 * n), m7 = vload8(0, s + 7 * n);
        __global float* d = t + (size_t) c0 * n + r0;
        vstore8((float8)(m0.s0, m1.s0, m2.s0, m3.s0, m4.s0, m5.s0, m6.s0, m7.s0), 0, d);
        vstore8((float8)(m0.s1, m1.s1, m2.s1, m3.s1, m4.s1, m5.s1, m6.s1, m7.s1), 0, d + n);
        vstore8((float8)(m0.s2, m1.s2, m2.s2, m3.s2, m4.s2, m5.s2, m6.s2, m7.s2), 0, d + 2 * n);
        vstore8((float8)(m0.s3, m1.s3, m2.s3, m3.s3, m4.s3, m5.s3, m6.s3, m7.s3), 0, d + 3 * n);
        vstore8((float8)(m0.s4, m1.s4, m2.s4, m3.s4, m4.s4, m5.s4, m6.s4, m7.s4), 0, d + 4 * n);
        vstore8((float8)(m0.s5, m1.s5, m2.s5, m3.s5, m4.s5, m5.s5, m6.s5, m7.s5), 0, d + 5 * n);
        vstore8((float8)(m0.s6, m1.s6, m2.s6, m3.s6, m4.s6, m5.s6, m6.s6, m7.s6), 0, d + 6 * n);
        vstore8((float8)(m0.s7, m1.s7, m2.s7, m3.s7, m4.s7, m5.s7, m6.s7, m7.s7), 0, d + 7 * n);
        return;
    }
#endif
    for (int r = r0; r < min(r0 + WPT_Y, n); r++) {
        for (int c = c0; c < min(c0 + WPT_X, n); c++) {
            t[(size_t) c * n + r] = a[(size_t) r * n + c];
        }
    }
}
// EVOLVE-BLOCK-END
