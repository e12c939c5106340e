// matvec-opencl: single-precision y = A * x, A square n x n, row-major.
// Host contract (fixed): the kernel matvec(a, x, y, n) runs on a 1-D range of
// ceil(n / ROWS_PER_GROUP) work-groups of LOCAL_X work-items each; work-group g owns rows
// g * ROWS_PER_GROUP up to (but excluding) (g + 1) * ROWS_PER_GROUP, and how its items share
// them out is the kernel's business. Rows past n must not be written. The host reads LOCAL_X
// and ROWS_PER_GROUP below.
// EVOLVE-BLOCK-START
#define LOCAL_X 64
#define ROWS_PER_GROUP 64

__kernel void matvec(__global const float* a, __global const float* x, __global float* y, const int n) {
    for (int r = get_local_id(0); r < ROWS_PER_GROUP; r += LOCAL_X) {
        int row = get_group_id(0) * ROWS_PER_GROUP + r;
        if (row < n) {
            float sum = 0.0f;
            for (int j = 0; j < n; j++) {
                sum += a[row * n + j] * x[j];
            }
            y[row] = sum;
        }
    }
}
// EVOLVE-BLOCK-END
