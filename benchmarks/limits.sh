#!/usr/bin/env bash
# The machine's limits, measured where it runs: STREAM read/copy/triad bandwidth over three 256 MiB arrays,
# the Vector API FMA peak (f64, f32) and exp throughput (f64), each on 1 thread and on all, and OpenBLAS
# dgemm/sgemm at the sizes the targets' rooflines name, through benchmarks/openblas/run.sh ("not installed"
# when OpenBLAS is missing; nothing is installed). Prints the figures and writes them tab-separated to
# results/compare/limits.tsv (or --out FILE). benchmarks/compare.sh runs the same before each comparison.
# Usage: benchmarks/limits.sh [--quick] [--out FILE] [--array-mib N] [--reps N] [--threads N] [--size N] [target...]
# Run it on a quiet machine: every figure is a timing.
set -euo pipefail
. "$(dirname "$0")/../bin/jdk.sh"
evolve_setup
root=$EVOLVE_ROOT
cp_file="$root/benchmarks/target/classpath.txt"
if [ ! -f "$cp_file" ] || [ -n "$(cd "$root" && find pom.xml kernels benchmarks -path '*/target' -prune -o -type f -newer "$cp_file" -print 2>/dev/null | head -n 1)" ]; then
  command -v mvn >/dev/null || { echo "limits: Maven (mvn) is needed to build; install it." >&2; exit 1; }
  echo "limits: building the benchmarks with $JAVA_HOME ..." >&2
  (
    cd "$root"
    flock 9
    mvn -q -B -Dstyle.color=never -DskipTests -pl benchmarks -am package >&2 \
      || { echo "limits: build failed; see the Maven output above." >&2; exit 1; }
  ) 9>"$root/.build.lock" || exit 1
fi
cd "$root"
# three arrays of --array-mib (256 MiB by default): give the JVM room for them
mib=256
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  [ "${args[$i]}" = "--array-mib" ] && mib=${args[$((i + 1))]:-256}
done
[[ "$mib" =~ ^[0-9]+$ ]] || mib=256
exec "$JAVA_HOME/bin/java" --add-modules=jdk.incubator.vector "-Xmx$((3 * mib + 256))m" \
  -cp "$root/benchmarks/target/classes:$(cat "$cp_file")" dev.evolve.bench.limits.LimitsBenchmark \
  --openblas "$root/benchmarks/openblas/run.sh" "$@"
