#if WPT_X != 1 || WPT_Y != 1
#error "the local-memory tiled kernel computes one element of C per work-item: WPT_X and WPT_Y must be 1"
#endif

// Tiled in local memory: the work-group stages a LOCAL_Y x TILE block of A and a TILE x LOCAL_X
// block of B, then every work-item reads its row and column from there. Out-of-range elements are
// staged as zeros, so any n works.
__kernel void matmul(__global const float* a, __global const float* b, __global float* c, const int n) {
    __local float as[LOCAL_Y][TILE];
    __local float bs[TILE][LOCAL_X];
    const int lx = get_local_id(0);
    const int ly = get_local_id(1);
    const int col = get_global_id(0);
    const int row = get_global_id(1);
    float sum = 0.0f;
    for (int t = 0; t < n; t += TILE) {
        for (int kk = lx; kk < TILE; kk += LOCAL_X) {
            as[ly][kk] = (row < n && t + kk < n) ? a[row * n + t + kk] : 0.0f;
        }
        for (int kk = ly; kk < TILE; kk += LOCAL_Y) {
            bs[kk][lx] = (t + kk < n && col < n) ? b[(t + kk) * n + col] : 0.0f;
        }
        barrier(CLK_LOCAL_MEM_FENCE);
        for (int k = 0; k < TILE; k++) {
            sum += as[ly][k] * bs[k][lx];
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (row < n && col < n) {
        c[row * n + col] = sum;
    }
}
