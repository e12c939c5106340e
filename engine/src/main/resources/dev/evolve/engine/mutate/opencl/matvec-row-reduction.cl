#if (LOCAL_X & (LOCAL_X - 1)) != 0
#error "the tree reduction needs LOCAL_X to be a power of two"
#endif

// A work-group per ROWS_PER_GROUP rows: for each row, all LOCAL_X work-items read interleaved
// stretches of it (neighbouring items, neighbouring elements), then add their partial sums in a
// tree in local memory.
__kernel void matvec(__global const float* a, __global const float* x, __global float* y, const int n) {
    __local float partial[LOCAL_X];
    const int lid = get_local_id(0);
    for (int r = 0; r < ROWS_PER_GROUP; r++) {
        const int row = get_group_id(0) * ROWS_PER_GROUP + r;
        float sum = 0.0f;
        if (row < n) {
            for (int j = lid; j < n; j += LOCAL_X) {
                sum = fma(a[row * n + j], x[j], sum);
            }
        }
        partial[lid] = sum;
        barrier(CLK_LOCAL_MEM_FENCE);
        for (int stride = LOCAL_X / 2; stride > 0; stride /= 2) {
            if (lid < stride) {
                partial[lid] += partial[lid + stride];
            }
            barrier(CLK_LOCAL_MEM_FENCE);
        }
        if (lid == 0 && row < n) {
            y[row] = partial[0];
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
}
