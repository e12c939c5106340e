#!/usr/bin/env bash
# Comparison benchmarks: for each target (all by default), JMH times the seed, the committed evolved
# winners (results/<target>/best.java; results/reference/<run>/best.java whose summary.json names the
# target) and the library baselines (EJML, ojAlgo, the JDK) in forked JVMs, verifying every iteration's
# output against the target's reference. First it measures the machine's limits (LimitsBenchmark: STREAM
# bandwidth, FMA and exp peaks, OpenBLAS GEMM at the targets' sizes where installed) into
# results/compare/limits.tsv. Writes JMH's JSON to results/compare/compare.json and prints a table (target,
# variant, ms/op ± error, GFLOP/s, GB/s, speedup over the seed, share of the target's limit); compare.tsv
# beside it holds the same figures with the limit of each row.
# Usage: benchmarks/compare.sh [--quick] [--size N] [--out FILE] [--limits FILE] [target...]
#   --quick        1 x 0.2 s warm-up and 3 x 0.2 s measurement per contender, limits best of 2 (a smoke test)
#   --limits FILE  take the limits from FILE (e.g. an earlier results/compare/limits.tsv) instead of measuring
#   default        3 x 1 s warm-up and 5 x 1 s measurement per contender; run it on a quiet machine
set -euo pipefail
. "$(dirname "$0")/../bin/jdk.sh"
evolve_setup
root=$EVOLVE_ROOT
cp_file="$root/benchmarks/target/classpath.txt"
stale=""
if [ ! -f "$cp_file" ]; then
  stale="no build yet"
elif [ -n "$(cd "$root" && find pom.xml kernels benchmarks -path '*/target' -prune -o -type f -newer "$cp_file" -print 2>/dev/null | head -n 1)" ]; then
  stale="sources changed"
fi
if [ -n "$stale" ]; then
  command -v mvn >/dev/null || { echo "compare: Maven (mvn) is needed to build; install it." >&2; exit 1; }
  echo "compare: building the benchmarks ($stale) with $JAVA_HOME ..." >&2
  (
    cd "$root"
    flock 9
    set -o pipefail
    mvn -q -B -Dstyle.color=never -DskipTests -pl benchmarks -am package 2>&1 | sed $'s/\x1b\\[0m//g' >&2 \
      || { echo "compare: build failed; see the Maven output above." >&2; exit 1; }
  ) 9>"$root/.build.lock" || exit 1
fi
flags=(--add-modules=jdk.incubator.vector -Xmx512m)
if [ "$(evolve_java_major "$JAVA_HOME/bin/java")" -ge 23 ]; then
  flags+=(--sun-misc-unsafe-memory-access=allow)   # JMH uses sun.misc.Unsafe
fi
cd "$root"
classpath="$root/benchmarks/target/classes:$(cat "$cp_file")"
# the limits are measured for the same targets and size as the comparison, unless a file is given
limits=""
limit_args=()
out_dir="$root/results/compare"
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[$i]}" in
    --limits) limits=${args[$((i + 1))]:-} ;;
    --out) out_dir=$(dirname "${args[$((i + 1))]:-x}") ;;
    --quick) limit_args+=(--quick) ;;
    --size) limit_args+=(--size "${args[$((i + 1))]:-}") ;;
    --results) ;;
    -*) ;;
    *) [ "$i" -gt 0 ] && case "${args[$((i - 1))]}" in --limits|--out|--size|--results) continue ;; esac
       limit_args+=("${args[$i]}") ;;
  esac
done
if [ -z "$limits" ]; then
  limits="$out_dir/limits.tsv"
  mkdir -p "$out_dir"
  # three arrays of 256 MiB for the STREAM kernels
  "$JAVA_HOME/bin/java" --add-modules=jdk.incubator.vector -Xmx1g -cp "$classpath" \
    dev.evolve.bench.limits.LimitsBenchmark --out "$limits" --openblas "$root/benchmarks/openblas/run.sh" \
    "${limit_args[@]}" >/dev/null || { echo "compare: measuring the machine's limits failed" >&2; exit 1; }
  set -- --limits "$limits" "$@"
fi
exec "$JAVA_HOME/bin/java" "${flags[@]}" -cp "$classpath" \
  dev.evolve.bench.compare.CompareLauncher --results "$root/results" "$@"
