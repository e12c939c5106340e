// More work per item: each work-item computes a WPT_Y x WPT_X block of C in private
// accumulators, reusing each element of A across WPT_X columns and each element of B across
// WPT_Y rows. Blocks cut by the edge take the guarded path.
__kernel void matmul(__global const float* a, __global const float* b, __global float* c, const int n) {
    const int col0 = get_global_id(0) * WPT_X;
    const int row0 = get_global_id(1) * WPT_Y;
    if (row0 >= n || col0 >= n) {
        return;
    }
    float acc[WPT_Y][WPT_X];
    #pragma unroll
    for (int r = 0; r < WPT_Y; r++) {
        #pragma unroll
        for (int x = 0; x < WPT_X; x++) {
            acc[r][x] = 0.0f;
        }
    }
    if (row0 + WPT_Y <= n && col0 + WPT_X <= n) {
        for (int k = 0; k < n; k++) {
            float bk[WPT_X];
            #pragma unroll
            for (int x = 0; x < WPT_X; x++) {
                bk[x] = b[k * n + col0 + x];
            }
            #pragma unroll
            for (int r = 0; r < WPT_Y; r++) {
                const float ar = a[(row0 + r) * n + k];
                #pragma unroll
                for (int x = 0; x < WPT_X; x++) {
                    acc[r][x] = fma(ar, bk[x], acc[r][x]);
                }
            }
        }
    } else {
        for (int k = 0; k < n; k++) {
            for (int r = 0; r < WPT_Y && row0 + r < n; r++) {
                const float ar = a[(row0 + r) * n + k];
                for (int x = 0; x < WPT_X && col0 + x < n; x++) {
                    acc[r][x] = fma(ar, b[k * n + col0 + x], acc[r][x]);
                }
            }
        }
    }
    for (int r = 0; r < WPT_Y && row0 + r < n; r++) {
        for (int x = 0; x < WPT_X && col0 + x < n; x++) {
            c[(row0 + r) * n + col0 + x] = acc[r][x];
        }
    }
}
