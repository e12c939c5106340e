#define BM (LOCAL_Y * WPT_Y)
#define BN (LOCAL_X * WPT_X)

// Tiled in local memory: the work-group reads a BM x BN block of a row by row, then writes it
// to t row by row of t, so that both global accesses run along rows. The tile has one padding
// column, so reading it by columns does not hit one memory bank.
__kernel void transpose(__global const float* a, __global float* t, const int n) {
    __local float tile[BM][BN + 1];
    const int lx = get_local_id(0);
    const int ly = get_local_id(1);
    const int row0 = get_group_id(1) * BM;
    const int col0 = get_group_id(0) * BN;
    for (int r = ly; r < BM; r += LOCAL_Y) {
        for (int x = lx; x < BN; x += LOCAL_X) {
            if (row0 + r < n && col0 + x < n) {
                tile[r][x] = a[(row0 + r) * n + col0 + x];
            }
        }
    }
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int x = ly; x < BN; x += LOCAL_Y) {
        for (int r = lx; r < BM; r += LOCAL_X) {
            if (row0 + r < n && col0 + x < n) {
                t[(col0 + x) * n + row0 + r] = tile[r][x];
            }
        }
    }
}
