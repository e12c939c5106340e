#!/usr/bin/env bash
# Regenerates the committed per-target results on this machine: for every target of 'evolve targets'
# (or those named), a fresh run into results/<target>/ (an existing folder is replaced, and put back if
# the run fails), then the comparison benchmarks (benchmarks/compare.sh: seed, the new winners and the
# library baselines under JMH, for every target), then each run's report against those baselines (when this build has
# 'evolve report'), then the table in results/README.md (results/readme-table.sh).
# Usage: results/regenerate.sh [budget] [target...]      budget: as for 'evolve run --budget' (default 10m)
# COMPARE_OPTS=--quick shortens the comparison (a smoke test). Run it on a quiet machine: every figure is a timing.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
evolve="$root/evolve"
budget=${1:-10m}
shift || true
if [ $# -gt 0 ]; then
  targets=("$@")
else
  mapfile -t targets < <("$evolve" targets | awk '{print $1}')
fi
[ ${#targets[@]} -gt 0 ] || { echo "regenerate: no targets" >&2; exit 1; }
backup=$(mktemp -d)
trap 'rm -rf "$backup"' EXIT

for t in "${targets[@]}"; do
  out="$root/results/$t"
  if [ -e "$out" ]; then
    mv "$out" "$backup/$t"
  fi
  echo "regenerate: evolve run $t --budget $budget --seed 42 --out results/$t" >&2
  if ! "$evolve" run "$t" --budget "$budget" --seed 42 --out "$out"; then
    echo "regenerate: the run of $t failed; its previous results are put back" >&2
    rm -rf "$out"
    [ -e "$backup/$t" ] && mv "$backup/$t" "$out"
    exit 1
  fi
  rm -rf "$backup/$t" "$out/tmp"
  size=$(du -k "$out/programs.db" 2>/dev/null | cut -f1 || echo 0)
  if [ "${size:-0}" -gt 5120 ]; then
    echo "regenerate: note: $out/programs.db is $((size / 1024)) MB" >&2
  fi
done

# every target's row, so that compare.json stays complete; COMPARE_OPTS=--quick for a smoke test
"$root/benchmarks/compare.sh" ${COMPARE_OPTS:-}

# the machine the figures come from, for the README table
. "$root/bin/jdk.sh"
evolve_setup
model=$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n 1 || true)
avx512=$(grep -o -m1 -w 'avx512f' /proc/cpuinfo 2>/dev/null | head -n 1 || true)
echo "$(nproc)-core ${model:-unknown CPU}${avx512:+ (AVX-512)}, JDK $(evolve_java_major "$JAVA_HOME/bin/java")" \
  > "$root/results/compare/machine.txt"

if "$evolve" report --help 2>&1 | grep -q '^Usage: evolve report'; then
  for t in "${targets[@]}"; do
    "$evolve" report "$root/results/$t" --baselines "$root/results/compare/compare.json"
  done
else
  echo "regenerate: this build has no 'evolve report'; reports skipped" >&2
fi

"$root/results/readme-table.sh"
echo "regenerate: done; review and commit results/ (git add results)" >&2
