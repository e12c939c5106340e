#define CAT_(x, y) x##y
#define CAT(x, y) CAT_(x, y)
#define floatV CAT(float, VW)
#define vloadV CAT(vload, VW)
#define vstoreV CAT(vstore, VW)
#define NV (WPT_X / VW)
#if WPT_X % VW != 0
#error "WPT_X must be a multiple of the vector width VW"
#endif

// Vector loads: each work-item computes WPT_Y rows by WPT_X columns of C as NV vectors of VW
// floats; a row of B is read with vloadVW and each element of A is broadcast. Blocks cut by
// the edge are computed one element at a time.
__kernel void matmul(__global const float* a, __global const float* b, __global float* c, const int n) {
    const int col0 = get_global_id(0) * WPT_X;
    const int row0 = get_global_id(1) * WPT_Y;
    if (row0 >= n || col0 >= n) {
        return;
    }
    if (row0 + WPT_Y <= n && col0 + WPT_X <= n) {
        floatV acc[WPT_Y][NV];
        #pragma unroll
        for (int r = 0; r < WPT_Y; r++) {
            #pragma unroll
            for (int v = 0; v < NV; v++) {
                acc[r][v] = (floatV)(0.0f);
            }
        }
        for (int k = 0; k < n; k++) {
            floatV bk[NV];
            #pragma unroll
            for (int v = 0; v < NV; v++) {
                bk[v] = vloadV(0, b + k * n + col0 + v * VW);
            }
            #pragma unroll
            for (int r = 0; r < WPT_Y; r++) {
                const floatV ar = (floatV)(a[(row0 + r) * n + k]);
                #pragma unroll
                for (int v = 0; v < NV; v++) {
                    acc[r][v] = fma(ar, bk[v], acc[r][v]);
                }
            }
        }
        #pragma unroll
        for (int r = 0; r < WPT_Y; r++) {
            #pragma unroll
            for (int v = 0; v < NV; v++) {
                vstoreV(acc[r][v], 0, c + (row0 + r) * n + col0 + v * VW);
            }
        }
    } else {
        for (int r = row0; r < min(row0 + WPT_Y, n); r++) {
            for (int j = col0; j < min(col0 + WPT_X, n); j++) {
                float sum = 0.0f;
                for (int k = 0; k < n; k++) {
                    sum += a[r * n + k] * b[k * n + j];
                }
                c[r * n + j] = sum;
            }
        }
    }
}
