#!/usr/bin/env bash
# OpenBLAS reference for matmul: builds dgemm.c against Debian's OpenBLAS and prints GFLOP/s
# at n (default 512) for 1 and 2 threads. Installs libopenblas-dev when missing (needs root).
# sgemm.sh beside it runs the single-precision mode (sgemm, default n=1024).
# Usage: benchmarks/openblas/run.sh [n] [reps]      PRECISION=f32 for sgemm
#   THREADS="1 4"        the thread counts to measure (default "1 2")
#   OPENBLAS_INSTALL=no  never install: print "openblas: not installed: ..." and exit 3 when the header,
#                        the library or gcc is missing (the limits benchmark runs it this way)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
n=${1:-512}
reps=${2:-200}
threads=${THREADS:-1 2}
not_installed() {
  echo "openblas: not installed: $1" >&2
  exit 3
}
if [ ! -e /usr/include/x86_64-linux-gnu/cblas.h ] && [ ! -e /usr/include/cblas.h ] && ! ls /usr/include/*/cblas.h >/dev/null 2>&1; then
  [ "${OPENBLAS_INSTALL:-yes}" = "no" ] && not_installed "no cblas.h (Debian: apt-get install libopenblas-dev)"
  echo "openblas: installing libopenblas-dev" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libopenblas-dev >/dev/null
fi
command -v gcc >/dev/null || not_installed "no gcc to build the benchmark (Debian: apt-get install gcc)"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
gcc -O2 -o "$out/dgemm" "$here/dgemm.c" -lopenblas 2>"$out/gcc.log" \
  || not_installed "dgemm.c does not link against -lopenblas: $(head -c 300 "$out/gcc.log" | tr '\n' ' ')"
# OPENBLAS_CORETYPE may be set on this machine for old builds' sake; report what is in force.
echo "openblas: OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset} $(nproc) cores" >&2
# shellcheck disable=SC2086
"$out/dgemm" "$n" "$reps" $threads
