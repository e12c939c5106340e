#!/usr/bin/env bash
# Comparison benchmarks: for each target (all by default), JMH times the seed, the committed evolved
# winners (results/<target>/best.java; results/reference/<run>/best.java whose summary.json names the
# target) and the library baselines (EJML, ojAlgo, the JDK) in forked JVMs, verifying every iteration's
# output against the target's reference. Writes JMH's JSON to results/compare/compare.json and prints a
# table (target, variant, ms/op ± error, GFLOP/s, GB/s, speedup over the seed).
# Usage: benchmarks/compare.sh [--quick] [--size N] [--out FILE] [target...]
#   --quick   1 x 0.2 s warm-up and 3 x 0.2 s measurement per contender (a smoke test; figures are rough)
#   default   3 x 1 s warm-up and 5 x 1 s measurement per contender; run it on a quiet machine
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
exec "$JAVA_HOME/bin/java" "${flags[@]}" -cp "$root/benchmarks/target/classes:$(cat "$cp_file")" \
  dev.evolve.bench.compare.CompareLauncher --results "$root/results" "$@"
