// transpose-opencl: single-precision t = transpose(a), square n x n, row-major.
// Host contract (fixed): the kernel transpose(a, t, n) runs on a 2-D range of
// ceil(n / WPT_X) x ceil(n / WPT_Y) work-items, rounded up to whole work-groups of
// LOCAL_X x LOCAL_Y; dimension 0 runs along the columns of a, dimension 1 along its rows.
// Work-items past the edge must not write. The host reads LOCAL_X, LOCAL_Y, WPT_X and WPT_Y below.
// EVOLVE-BLOCK-START
#define LOCAL_X 16
#define LOCAL_Y 16
#define WPT_X 1
#define WPT_Y 1

__kernel void transpose(__global const float* a, __global float* t, const int n) {
    int col = get_global_id(0);
    int row = get_global_id(1);
    if (row < n && col < n) {
        t[col * n + row] = a[row * n + col];
    }
}
// EVOLVE-BLOCK-END
