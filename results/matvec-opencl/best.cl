// matvec-opencl: single-precision y = A * x, A square n x n, row-major.
// Host contract (fixed): the kernel matvec(a, x, y, n) runs on a 1-D range of
// ceil(n / ROWS_PER_GROUP) work-groups of LOCAL_X work-items each; work-group g owns rows
// g * ROWS_PER_GROUP up to (but excluding) (g + 1) * ROWS_PER_GROUP, and how its items share
// them out is the kernel's business. Rows past n must not be written. The host reads LOCAL_X
// and ROWS_PER_GROUP below.
// EVOLVE-BLOCK-START
#define LOCAL_X 2
#define ROWS_PER_GROUP 12

// Rows along vectors: each work-item takes four rows at a time (item lid of the group: rows
// r0 + 4 * lid, then every 4 * LOCAL_X further, within the group's ROWS_PER_GROUP), sums each
// in a float16 accumulator of fma over vload16 slices, and loads each slice of x once for the
// four; the elements past the last whole vector and a group's last rows (fewer than four) are
// summed one by one.
__kernel void matvec(__global const float* a, __global const float* x, __global float* y, const int n) {
    const int r0 = get_group_id(0) * ROWS_PER_GROUP;
    const int rEnd = min(r0 + ROWS_PER_GROUP, n);
    const int nv = n / 16 * 16;
    for (int r = r0 + 4 * (int) get_local_id(0); r < rEnd; r += 4 * LOCAL_X) {
        const int rows = min(4, rEnd - r);
        float t[4] = {0.0f, 0.0f, 0.0f, 0.0f};
        int from = 0;
        if (rows == 4) {
            __global const float* a0 = a + (size_t) r * n;
            __global const float* a1 = a0 + n;
            __global const float* a2 = a1 + n;
            __global const float* a3 = a2 + n;
            float16 s0 = (float16)(0.0f), s1 = (float16)(0.0f), s2 = (float16)(0.0f), s3 = (float16)(0.0f);
            #pragma unroll 8
            for (int j = 0; j < nv; j += 16) {
                const float16 xv = vload16(0, x + j);
                s0 = fma(vload16(0, a0 + j), xv, s0);
                s1 = fma(vload16(0, a1 + j), xv, s1);
                s2 = fma(vload16(0, a2 + j), xv, s2);
                s3 = fma(vload16(0, a3 + j), xv, s3);
            }
            const float8 h0 = s0.lo + s0.hi, h1 = s1.lo + s1.hi, h2 = s2.lo + s2.hi, h3 = s3.lo + s3.hi;
            const float4 q0 = h0.lo + h0.hi, q1 = h1.lo + h1.hi, q2 = h2.lo + h2.hi, q3 = h3.lo + h3.hi;
            t[0] = (q0.x + q0.y) + (q0.z + q0.w);
            t[1] = (q1.x + q1.y) + (q1.z + q1.w);
            t[2] = (q2.x + q2.y) + (q2.z + q2.w);
            t[3] = (q3.x + q3.y) + (q3.z + q3.w);
            from = nv;
        }
        #pragma unroll 8
        for (int k = 0; k < rows; k++) {
            float s = t[k];
            #pragma unroll 8
            for (int j = from; j < n; j++) {
                s = fma(a[(size_t) (r + k) * n + j], x[j], s);
            }
            y[r + k] = s;
        }
    }
}
// EVOLVE-BLOCK-END
