#!/usr/bin/env bash
# The headline benchmark: evolve matmul from the naive seed with the rule-based mutators for a
# budget (default 10m), then measure OpenBLAS dgemm on the same machine right after, and print
# the evolved kernel's JMH-confirmed GFLOP/s as a share of OpenBLAS with 2 threads.
# Usage: benchmarks/matmul-run.sh [budget] [seed]     Run on a quiet machine: timings are real.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
budget=${1:-10m}
seed=${2:-42}
out="$root/results/matmul-bench-$(date -u +%Y%m%d-%H%M%S)"
"$root/evolve" run matmul --budget "$budget" --seed "$seed" --out "$out" >&2
blas=$("$root/benchmarks/openblas/run.sh" 512 200)
echo "$blas"
python3 - "$out/summary.json" "$blas" <<'PY'
import json, re, sys
s = json.load(open(sys.argv[1]))
two = float(re.search(r"threads=2 median ([0-9.]+)", sys.argv[2]).group(1))
print(f"evolved best: {s['best_gflops']:.2f} GFLOP/s ({'JMH' if s['confirmed_with_jmh'] else 'screen'}), "
      f"{s['best_speedup']:.1f}x the seed ({s['seed_gflops']:.2f} GFLOP/s), origin {s['best_origin']}")
print(f"share of OpenBLAS dgemm with 2 threads ({two:.1f} GFLOP/s): {100 * s['best_gflops'] / two:.0f}%")
print(f"{s['candidates_evaluated']} evaluated in {s['wall_seconds']:.0f} s: {s['candidates_per_minute']:.1f} per minute, "
      f"{s['duplicates_skipped']} duplicates skipped, engine overhead {100 * s['engine_overhead']:.1f}% of wall time")
print(f"status counts: {s['status_counts']}")
PY
echo "run folder: $out"
