// matmul-opencl: single-precision C = A * B, square n x n, row-major.
// Host contract (fixed): the kernel matmul(a, b, c, n) runs on a 2-D range of
// ceil(n / WPT_X) x ceil(n / WPT_Y) work-items, rounded up to whole work-groups of
// LOCAL_X x LOCAL_Y; dimension 0 runs along columns, dimension 1 along rows. Work-items past
// the edge must not write. The host reads LOCAL_X, LOCAL_Y, WPT_X and WPT_Y below.
// EVOLVE-BLOCK-START
#define LOCAL_X 8
#define LOCAL_Y 8
#define WPT_X 1
#define WPT_Y 1

__kernel void matmul(__global const float* a, __global const float* b, __global float* c, const int n) {
    int col = get_global_id(0);
    int row = get_global_id(1);
    if (row < n && col < n) {
        float sum = 0.0f;
        for (int k = 0; k < n; k++) {
            sum += a[row * n + k] * b[k * n + col];
        }
        c[row * n + col] = sum;
    }
}
// EVOLVE-BLOCK-END
