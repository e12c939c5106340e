#!/usr/bin/env bash
# OpenBLAS reference for the single-precision targets (matmul-f32, matmul-opencl): sgemm at n
# (default 1024, matmul-opencl's timing size) for 1 and 2 threads, built from dgemm.c in its
# single-precision mode. Installs libopenblas-dev when missing (needs root).
# Usage: benchmarks/openblas/sgemm.sh [n] [reps]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
PRECISION=f32 exec "$here/run.sh" "${1:-1024}" "${2:-50}"
