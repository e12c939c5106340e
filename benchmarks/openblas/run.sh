#!/usr/bin/env bash
# OpenBLAS reference for matmul: builds dgemm.c against Debian's OpenBLAS and prints GFLOP/s
# at n (default 512) for 1 and 2 threads. Installs libopenblas-dev when missing (needs root).
# sgemm.sh beside it runs the single-precision mode (sgemm, default n=1024).
# Usage: benchmarks/openblas/run.sh [n] [reps]      PRECISION=f32 for sgemm
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
n=${1:-512}
reps=${2:-200}
if [ ! -e /usr/include/x86_64-linux-gnu/cblas.h ] && [ ! -e /usr/include/cblas.h ] && ! ls /usr/include/*/cblas.h >/dev/null 2>&1; then
  echo "openblas: installing libopenblas-dev" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libopenblas-dev >/dev/null
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
gcc -O2 -o "$out/dgemm" "$here/dgemm.c" -lopenblas
# OPENBLAS_CORETYPE may be set on this machine for old builds' sake; report what is in force.
echo "openblas: OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset} $(nproc) cores" >&2
"$out/dgemm" "$n" "$reps" 1 2
